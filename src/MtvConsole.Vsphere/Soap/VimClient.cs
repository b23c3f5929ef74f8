using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace MtvConsole.Vsphere.Soap;

/// <summary>
/// One vim25 SOAP session over HttpClient: RetrieveServiceContent, Login (the <c>vmware_soap_session</c>
/// cookie is the session), one re-login when a call answers NotAuthenticated, Logout. TLS accepts only the
/// pinned SHA-1 fingerprint. Faults become <see cref="VimFaultException"/>; a server that does not answer
/// in time gives <see cref="TimeoutException"/>; a refused certificate names both fingerprints. Timeouts and
/// retries (read-only methods only, others only before they were sent) are <see cref="VimCallResilience"/>'s.
/// </summary>
public sealed class VimClient : IAsyncDisposable, IDisposable
{
    private readonly VsphereConnectionOptions _options;
    private readonly HttpClient _http;
    private readonly CertificatePin _pin;
    private readonly VimCallResilience _resilience;
    private readonly SemaphoreSlim _loginLock = new(1, 1);
    private ServiceContent? _content;
    private bool _loggedIn;

    public VimClient(VsphereConnectionOptions options)
        : this(options, TimeProvider.System)
    {
    }

    /// <param name="time">The clock of the call limits and retry delays (a fake one in tests).</param>
    public VimClient(VsphereConnectionOptions options, TimeProvider time)
    {
        _options = options;
        _resilience = new VimCallResilience(options, time);
        _pin = new CertificatePin(options.PinnedSha1, options.InsecureSkipVerify);
        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            UseCookies = true,
            ConnectTimeout = options.ConnectTimeout < _resilience.Attempt ? options.ConnectTimeout : _resilience.Attempt,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        };
        handler.SslOptions.RemoteCertificateValidationCallback = _pin.Validate;
        // The limits are the resilience pipeline's (per attempt and per call), not HttpClient's.
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public Uri SdkUrl => _options.SdkUrl;

    /// <summary>
    /// How many times this client has logged in. A new number means a new session: the ContainerViews, PropertyFilters
    /// and collector versions of the earlier one are gone with it.
    /// </summary>
    public long Logins => Interlocked.Read(ref _logins);

    private long _logins;

    internal ServiceContent Content => _content ?? throw new InvalidOperationException("The service content has not been retrieved yet.");

    /// <summary>Connects and logs in (once); safe to call repeatedly.</summary>
    public async Task ConnectAsync(CancellationToken ct = default)
    {
        await _loginLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_loggedIn) return;
            _content ??= await RetrieveServiceContentAsync(ct).ConfigureAwait(false);
            await SendAsync("Login", "SessionManager", _content.SessionManager,
                [Vim.El("userName", _options.UserName), Vim.El("password", _options.Password)], ReadElement, ct).ConfigureAwait(false);
            _loggedIn = true;
            Interlocked.Increment(ref _logins);
        }
        finally
        {
            _loginLock.Release();
        }
    }

    /// <summary>Ends the session; later calls log in again.</summary>
    public async Task LogoutAsync(CancellationToken ct = default)
    {
        if (!_loggedIn || _content is null) return;
        _loggedIn = false;
        await SendAsync("Logout", "SessionManager", _content.SessionManager, [], ReadElement, ct).ConfigureAwait(false);
    }

    /// <summary>Calls a method and returns its response element (<c>&lt;MethodResponse&gt;</c>).</summary>
    public Task<XElement> InvokeAsync(string method, string thisType, string thisValue, IEnumerable<XElement> args, CancellationToken ct = default) =>
        InvokeStreamingAsync(method, thisType, thisValue, args, ReadElement, ct);

    /// <summary>
    /// Calls a method and hands the response element to <paramref name="read"/> as an XmlReader positioned on it,
    /// so large answers are parsed object by object without building one document.
    /// </summary>
    public async Task<T> InvokeStreamingAsync<T>(
        string method, string thisType, string thisValue, IEnumerable<XElement> args, Func<XmlReader, T> read, CancellationToken ct = default)
    {
        var arguments = args as IReadOnlyCollection<XElement> ?? args.ToList();
        await ConnectAsync(ct).ConfigureAwait(false);
        try
        {
            return await SendAsync(method, thisType, thisValue, arguments, read, ct).ConfigureAwait(false);
        }
        catch (VimFaultException e) when (e.FaultName == "NotAuthenticated")
        {
            _loggedIn = false;
            await ConnectAsync(ct).ConfigureAwait(false);
            return await SendAsync(method, thisType, thisValue, arguments, read, ct).ConfigureAwait(false);
        }
    }

    private async Task<ServiceContent> RetrieveServiceContentAsync(CancellationToken ct)
    {
        var response = await SendAsync("RetrieveServiceContent", "ServiceInstance", "ServiceInstance", [], ReadElement, ct).ConfigureAwait(false);
        var r = response.Child("returnval") ?? throw new VimFaultException("InvalidResponse", "RetrieveServiceContent returned no content.", "RetrieveServiceContent");
        string Of(string name) => r.ChildText(name) ?? "";
        var about = r.Child("about");
        return new ServiceContent(Of("rootFolder"), Of("propertyCollector"), Of("viewManager"), Of("sessionManager"),
            about?.ChildText("apiVersion") ?? "6.5", about?.ChildText("fullName") ?? "");
    }

    private async Task<T> SendAsync<T>(
        string method, string thisType, string thisValue, IEnumerable<XElement> args, Func<XmlReader, T> read, CancellationToken ct)
    {
        var arguments = args as IReadOnlyCollection<XElement> ?? args.ToList();
        var body = SoapEnvelope.Build(method, thisType, thisValue, arguments).ToString(SaveOptions.DisableFormatting);
        var soapAction = $"\"urn:vim25/{_content?.ApiVersion ?? "6.5"}\"";
        VimAnswer answer;
        int attempts;
        try
        {
            (answer, attempts) = await _resilience.ExecuteAsync(method, LongPollOf(method, arguments), t => ExchangeAsync(body, soapAction, t), ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (_pin.Presented is { } presented && _pin.Expected is { } expected
                                              && !_options.InsecureSkipVerify && CertificatePin.Normalize(expected) != presented)
        {
            throw new HttpRequestException(
                $"The certificate of {_options.SdkUrl.Authority} was refused: its SHA-1 fingerprint is {presented}, but the provider trusts {CertificatePin.Normalize(expected)}. " +
                "Fetch the certificate again and compare it with the server's before trusting it.", e);
        }
        catch (VimTimeoutException e)
        {
            throw new TimeoutException($"{_options.SdkUrl.Authority} did not answer {method} within {e.Limit.TotalSeconds:0.#} s{AfterAttempts(e.Attempts)}.", e.InnerException);
        }

        using (answer)
        {
            if (answer.Body is null)
                throw new HttpRequestException($"{_options.SdkUrl} answered {method} with HTTP {(int)answer.Status} {answer.Reason}{AfterAttempts(attempts)}.", null, answer.Status);
            // The answer (one page at most) was received asynchronously; it is read synchronously object by object:
            // an async XmlReader over the network costs several times more CPU than the transfer itself.
            using var reader = XmlReader.Create(answer.Body, new XmlReaderSettings { IgnoreWhitespace = true, DtdProcessing = DtdProcessing.Prohibit });
            while (!(reader.NodeType == XmlNodeType.Element && reader.LocalName == "Body" && reader.NamespaceURI == Vim.SoapEnv.NamespaceName))
            {
                if (!reader.Read())
                    throw new HttpRequestException($"{_options.SdkUrl} answered {method} without a SOAP body.");
            }
            do
            {
                if (!reader.Read())
                    throw new HttpRequestException($"{_options.SdkUrl} answered {method} with an empty SOAP body.");
            }
            while (reader.NodeType != XmlNodeType.Element);
            if (reader.LocalName == "Fault" && reader.NamespaceURI == Vim.SoapEnv.NamespaceName)
                throw SoapEnvelope.Fault((XElement)XNode.ReadFrom(reader), method);
            return read(reader);
        }
    }

    /// <summary>One attempt: sends the request and receives the whole answer (OK or a fault); other statuses come back without a body.</summary>
    private async Task<VimAnswer> ExchangeAsync(string body, string soapAction, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.SdkUrl)
        {
            Content = new StringContent(body, Encoding.UTF8, "text/xml"),
        };
        request.Headers.TryAddWithoutValidation("SOAPAction", soapAction);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK && response.StatusCode != HttpStatusCode.InternalServerError)
            return new VimAnswer(response.StatusCode, response.ReasonPhrase, null);
        var buffer = new MemoryStream();
        try
        {
            await using (var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false))
                await stream.CopyToAsync(buffer, ct).ConfigureAwait(false);
        }
        catch
        {
            await buffer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        buffer.Position = 0;
        return new VimAnswer(response.StatusCode, response.ReasonPhrase, buffer);
    }

    /// <summary>How long the server may hold the call on purpose: WaitForUpdatesEx's <c>maxWaitSeconds</c>.</summary>
    private static TimeSpan LongPollOf(string method, IReadOnlyCollection<XElement> args) =>
        method == "WaitForUpdatesEx"
        && args.FirstOrDefault(a => a.Name.LocalName == "options")?.Elements().FirstOrDefault(e => e.Name.LocalName == "maxWaitSeconds")?.Value is { } wait
        && int.TryParse(wait, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.Zero;

    private static string AfterAttempts(int attempts) => attempts > 1 ? $" (after {attempts} attempts)" : "";

    private static XElement ReadElement(XmlReader reader) => (XElement)XNode.ReadFrom(reader);

    public void Dispose()
    {
        _http.Dispose();
        _loginLock.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await LogoutAsync(cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or VimFaultException or OperationCanceledException or IOException)
        {
            // The session ends on the server by itself; a failed logout changes nothing for us.
        }
        Dispose();
    }
}
