using Microsoft.JSInterop;

namespace MtvConsole.Web.Components.Layout;

/// <summary>The signed-in browser's light or dark choice, kept in its local storage.</summary>
public sealed class ThemeState(IJSRuntime js)
{
    private const string Key = "mtv-theme";

    public bool IsDark { get; private set; }

    public event Action? Changed;

    public async Task LoadAsync()
    {
        IsDark = await js.InvokeAsync<string?>("localStorage.getItem", Key) == "dark";
        Changed?.Invoke();
    }

    public async Task ToggleAsync()
    {
        IsDark = !IsDark;
        await js.InvokeVoidAsync("localStorage.setItem", Key, IsDark ? "dark" : "light");
        Changed?.Invoke();
    }
}
