namespace MtvConsole.Web.Tests.Api;

/// <summary>A console on the Lab (prepared by <see cref="LabApiSetup"/>) and an API client holding operator otto's token.</summary>
public abstract class OperatorApiTest : IAsyncLifetime
{
    protected ConsoleFactory Factory { get; } = new();

    protected HttpClient Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _ = Factory.Server;
        await Factory.CreateUserAsync("otto", "operator-password-1", "operator");
        Api = ApiSession.Bearer(Factory, await ApiSession.TokenForAsync(Factory, "otto"));
        await LabApiSetup.PrepareAsync(Factory, Api);
        await PrepareAsync();
    }

    /// <summary>What a test class sets up on top (plans, VMs), once the console and the token are there.</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
