using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace MtvConsole.Vsphere.Tests.Simulator;

/// <summary>
/// Builds the Go simulator fixture (<c>tests/vcsim</c>) once per test run, in GOPATH mode against Debian's govmomi
/// sources, and caches the binary in the temp folder under the hash of its sources.
/// </summary>
internal static class VcsimBinary
{
    private static readonly Lazy<Task<string>> Built = new(BuildAsync);

    public static Task<string> PathAsync() => Built.Value;

    public static string SourceDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "tests", "vcsim");
            if (File.Exists(System.IO.Path.Combine(candidate, "main.go"))) return candidate;
        }
        throw new InvalidOperationException("tests/vcsim/main.go not found above " + AppContext.BaseDirectory);
    }

    private static async Task<string> BuildAsync()
    {
        var source = SourceDirectory();
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(
            Directory.GetFiles(source, "*.go").Order(StringComparer.Ordinal).Select(f => System.IO.Path.GetFileName(f) + File.ReadAllText(f))))))[..16];
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mtv-vcsim");
        var binary = System.IO.Path.Combine(root, "bin", $"vcsim-{hash}");
        if (File.Exists(binary)) return binary;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(binary)!);
        var partial = binary + $".{Environment.ProcessId}.tmp";
        var start = new ProcessStartInfo("go", ["build", "-o", partial, "."])
        {
            WorkingDirectory = source,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["GO111MODULE"] = "off";
        start.Environment["GOPATH"] = $"{System.IO.Path.Combine(root, "gopath")}:/usr/share/gocode";
        start.Environment["GOCACHE"] = System.IO.Path.Combine(root, "gocache");
        start.Environment["GOFLAGS"] = "";
        using var go = Process.Start(start) ?? throw new InvalidOperationException("go could not be started");
        var stderr = go.StandardError.ReadToEndAsync();
        var stdout = go.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await go.WaitForExitAsync(timeout.Token);
        if (go.ExitCode != 0) throw new InvalidOperationException($"go build of {source} failed: {await stderr}{await stdout}");
        File.Move(partial, binary, overwrite: true);
        return binary;
    }
}
