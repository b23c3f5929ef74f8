namespace MtvConsole.Lab.Hooks;

/// <summary>
/// What a hook container runs. The hook-runner image is FROM ansible/ansible-runner (konveyor/hook-runner
/// 793bb63 Dockerfile), whose defaults are <c>ENTRYPOINT ["entrypoint"]</c> and
/// <c>CMD ["ansible-runner","run","/runner"]</c> (ansible/ansible-runner 0045675b9 Dockerfile). A container
/// without a command therefore runs <c>ansible-runner run /runner</c>, which ansible-runner refuses without a
/// playbook (ansible/ansible-runner 00c0f7ace ansible_runner/__main__.py: "The -p option must be specified
/// when not using -m or -r", exit status 1). Forklift gives the command
/// <c>/bin/entrypoint ansible-runner run /tmp/runner -p /tmp/hook/playbook.yml</c> when the hook has a playbook
/// (kubev2v/forklift d42511bb2 pkg/controller/plan/hook.go template()).
/// </summary>
public static class AnsibleRunnerImage
{
    public const string NoPlaybookMessage = "The -p option must be specified when not using -m or -r";

    public static readonly IReadOnlyList<string> DefaultArgv = ["entrypoint", "ansible-runner", "run", "/runner"];

    /// <summary>An image built on ansible-runner (the hook-runner image and ansible-runner itself).</summary>
    public static bool Is(string image) =>
        image.Contains("hook-runner", StringComparison.OrdinalIgnoreCase) || image.Contains("ansible-runner", StringComparison.OrdinalIgnoreCase);

    /// <summary>The playbook path ansible-runner is given with <c>-p</c>/<c>--playbook</c>, or null (then it exits with <see cref="NoPlaybookMessage"/>).</summary>
    public static string? PlaybookPath(IReadOnlyList<string> argv)
    {
        var run = argv.ToList().IndexOf("ansible-runner");
        if (run < 0) return null;
        for (var i = run + 1; i < argv.Count - 1; i++)
        {
            if (argv[i] is "-p" or "--playbook") return argv[i + 1];
        }

        return null;
    }
}
