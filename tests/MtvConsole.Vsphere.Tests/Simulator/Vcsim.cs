using System.Diagnostics;
using System.Net;
using System.Text.Json;
using MtvConsole.Vsphere.Soap;

namespace MtvConsole.Vsphere.Tests.Simulator;

/// <summary>
/// One running simulator process: started on a free loopback port with a private TMPDIR, ready when its ready
/// file appears, stopped by its PID. <see cref="Roles"/> are the scenario's planted VMs by role.
/// </summary>
public sealed class Vcsim : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private Vcsim(Process process, string directory, ReadyFile ready)
    {
        _process = process;
        _directory = directory;
        Url = new Uri(ready.Url);
        Thumbprint = ready.Thumbprint;
        VmCount = ready.Vms;
        Roles = ready.Scenario ?? [];
    }

    public Uri Url { get; }
    public string Thumbprint { get; }
    public int VmCount { get; }
    public IReadOnlyDictionary<string, PlantedVm> Roles { get; }
    public int Pid => _process.Id;

    public const string User = "administrator@vsphere.local";
    public const string Password = "Secret-123";

    public static async Task<Vcsim> StartAsync(params string[] args)
    {
        var binary = await VcsimBinary.PathAsync();
        var directory = Directory.CreateTempSubdirectory("mtv-vcsim-run-").FullName;
        var readyFile = Path.Combine(directory, "ready.json");
        var start = new ProcessStartInfo(binary, ["-ready-file", readyFile, "-username", User, "-password", Password, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        start.Environment["TMPDIR"] = directory;
        var process = Process.Start(start) ?? throw new InvalidOperationException("the simulator could not be started");
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var deadline = Stopwatch.StartNew();
        while (!File.Exists(readyFile))
        {
            if (process.HasExited) throw new InvalidOperationException($"the simulator exited with {process.ExitCode}: {stderr}");
            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                process.Kill();
                throw new TimeoutException($"the simulator was not ready within 2 minutes: {stderr}");
            }
            await Task.Delay(25);
        }
        var ready = JsonSerializer.Deserialize<ReadyFile>(await File.ReadAllTextAsync(readyFile), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        return new Vcsim(process, directory, ready);
    }

    public VsphereConnectionOptions Options(string? pinnedSha1 = null, bool insecure = false, string password = Password) => new()
    {
        Url = Url,
        UserName = User,
        Password = password,
        PinnedSha1 = pinnedSha1 ?? (insecure ? null : Thumbprint),
        InsecureSkipVerify = insecure,
        Timeout = TimeSpan.FromSeconds(120),
    };

    public PlantedVm Role(string role) => Roles[role];

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned up by the system.
        }
    }

    public sealed record PlantedVm(string Name, string Id);

    private sealed record ReadyFile(string Url, string Thumbprint, int Vms, Dictionary<string, PlantedVm>? Scenario);
}
