namespace MtvConsole.Web.Hosting;

/// <summary>
/// <c>MtvConsole.Web --healthcheck &lt;url&gt;</c>: asks a running console's <c>/healthz</c> and exits 0 when
/// healthy. The container's HEALTHCHECK uses it because the runtime image has no curl.
/// </summary>
internal static class HealthProbe
{
    public static async Task<int> RunAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(4) };
        try
        {
            using var response = await http.GetAsync(url);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }
}
