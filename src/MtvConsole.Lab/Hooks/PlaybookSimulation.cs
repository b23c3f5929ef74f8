using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace MtvConsole.Lab.Hooks;

/// <summary>How a simulated ansible-playbook run ended: its output is what the hook pod's termination message shows.</summary>
public sealed record PlaybookOutcome(bool Succeeded, string Output);

/// <summary>
/// A small ansible-playbook for the test doubles. It runs what a hook playbook does with the files mounted into
/// the hook pod, in the way that matters to the console:
/// <list type="bullet">
/// <item><c>include_vars</c> loads <c>workload.yml</c>/<c>plan.yml</c> (relative to the playbook's directory);
/// a <c>{{ workload.… }}</c> or <c>{{ plan.… }}</c> path that the loaded file lacks fails the task with ansible's
/// undefined-variable message ("'dict object' has no attribute 'ipaddress'"), and an unloaded root with
/// "'workload' is undefined";</item>
/// <item><c>copy</c> with <c>src</c> needs that file (for example the SSH key Secret's mount) and writes <c>dest</c>;</item>
/// <item><c>add_host</c> adds a host to groups with its <c>ansible_user</c> and <c>ansible_ssh_private_key_file</c>;</item>
/// <item>a play on other hosts logs in to each over SSH (<see cref="IHookGuests"/>) with the key file's content
/// and runs its tasks there; one that cannot fails UNREACHABLE;</item>
/// <item>package managers and services need root: in the hook pod (localhost, a non-root user under OpenShift's
/// restricted SCC) and on a guest without <c>become</c> and a non-root user they fail as the dnf module does.</item>
/// </list>
/// Other modules succeed without effect; other Jinja expressions are not evaluated.
/// </summary>
public static partial class PlaybookSimulation
{
    private static readonly HashSet<string> TaskKeywords =
    [
        "name", "become", "become_user", "when", "register", "vars", "environment", "ignore_errors", "tags", "delegate_to",
        "loop", "with_items", "no_log", "changed_when", "failed_when", "retries", "delay", "until", "notify", "args",
    ];

    private static readonly HashSet<string> RootModules = ["package", "dnf", "yum", "apt", "service", "systemd", "systemd_service"];

    public static PlaybookOutcome Run(string playbookPath, IReadOnlyDictionary<string, string> files, IHookGuests guests)
    {
        if (!files.TryGetValue(playbookPath, out var text))
            return new(false, $"ERROR! the playbook: {playbookPath} could not be found");
        YamlSequenceNode plays;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlSequenceNode sequence)
                return new(false, "ERROR! A playbook must be a list of plays, got a " + (stream.Documents.Count == 0 ? "nothing" : "mapping") + " instead");
            plays = sequence;
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            return new(false, $"ERROR! We were unable to read either as JSON nor YAML: {e.Message}");
        }

        var run = new RunState(Path.GetDirectoryName(playbookPath)?.Replace('\\', '/') ?? "/", files, guests);
        foreach (var play in plays.Children.OfType<YamlMappingNode>())
        {
            if (run.Failure is not null) break;
            run.Play(play);
        }

        return run.Failure is { } failure
            ? new(false, failure + " " + run.Recap())
            : new(true, run.Recap());
    }

    private sealed class RunState(string directory, IReadOnlyDictionary<string, string> files, IHookGuests guests)
    {
        private readonly Dictionary<string, YamlNode> _vars = [];
        private readonly Dictionary<string, string> _written = [];
        private readonly Dictionary<string, (string User, string? KeyFile, string Address)> _hosts = [];
        private readonly Dictionary<string, List<string>> _groups = [];
        private readonly Dictionary<string, int> _ok = [];

        public string? Failure { get; private set; }

        public string Recap() =>
            "PLAY RECAP: " + string.Join("; ", _ok.Select(h => $"{h.Key} ok={h.Value.ToString(CultureInfo.InvariantCulture)} failed={(Failure is not null && Failure.Contains($"[{h.Key}]", StringComparison.Ordinal) ? 1 : 0)}"));

        public void Play(YamlMappingNode play)
        {
            var hosts = Scalar(play, "hosts") ?? "";
            var become = Bool(play, "become");
            var tasks = (play.Children.TryGetValue(new YamlScalarNode("tasks"), out var t) ? t as YamlSequenceNode : null)?.Children.OfType<YamlMappingNode>().ToList() ?? [];
            var targets = hosts is "localhost" or "127.0.0.1" ? ["localhost"]
                : hosts == "all" ? _hosts.Keys.ToList()
                : _groups.TryGetValue(hosts, out var group) ? group
                : _hosts.ContainsKey(hosts) ? [hosts] : [];
            foreach (var host in targets)
            {
                if (host != "localhost")
                {
                    var vars = _hosts[host];
                    var key = vars.KeyFile is null ? null : Read(vars.KeyFile);
                    if (guests.Login(vars.Address, vars.User, key) is { } error)
                    {
                        Failure = $"fatal: [{host}]: UNREACHABLE! => {{\"changed\": false, \"msg\": \"Failed to connect to the host via ssh: {error}\", \"unreachable\": true}}";
                        return;
                    }
                }

                foreach (var task in tasks)
                {
                    if (!Task(host, task, become || Bool(task, "become")))
                        return;
                    _ok[host] = _ok.GetValueOrDefault(host) + 1;
                }
            }
        }

        private bool Task(string host, YamlMappingNode task, bool become)
        {
            var name = Scalar(task, "name") ?? "";
            var entry = task.Children.FirstOrDefault(c => c.Key is YamlScalarNode k && !TaskKeywords.Contains(k.Value ?? ""));
            if (entry.Key is not YamlScalarNode moduleKey) return true;
            var module = Module(moduleKey.Value ?? "");
            var args = new Dictionary<string, string>(StringComparer.Ordinal);
            try
            {
                if (entry.Value is YamlMappingNode mapping)
                {
                    foreach (var (k, v) in mapping.Children)
                        args[((YamlScalarNode)k).Value ?? ""] = Render(v);
                }
                else if (entry.Value is YamlScalarNode free)
                {
                    args["_raw_params"] = Template(free.Value ?? "");
                }

                foreach (var keyword in new[] { "when", "vars" })
                    if (task.Children.TryGetValue(new YamlScalarNode(keyword), out var value)) Render(value);
            }
            catch (UndefinedVariableException e)
            {
                return Fail(host, $"The task includes an option with an undefined variable. The error was: {e.Message}. {e.Message}\\n\\nThe error appears to be in '{directory}/playbook.yml' (task '{name}')");
            }

            var root = host == "localhost" || (become ? true : _hosts[host].User == "root");
            switch (module)
            {
                case "include_vars":
                    var file = args.GetValueOrDefault("file") ?? args.GetValueOrDefault("_raw_params") ?? "";
                    var content = Read(file.StartsWith('/') ? file : $"{directory}/{file}");
                    if (content is null) return Fail(host, $"Could not find or access '{file}'");
                    var stream = new YamlStream();
                    stream.Load(new StringReader(content));
                    var loaded = stream.Documents.Count > 0 ? stream.Documents[0].RootNode : new YamlMappingNode();
                    if (args.TryGetValue("name", out var varName)) _vars[varName] = loaded;
                    else if (loaded is YamlMappingNode top)
                        foreach (var (k, v) in top.Children) _vars[((YamlScalarNode)k).Value ?? ""] = v;
                    return true;
                case "copy" when host == "localhost":
                    var data = args.TryGetValue("src", out var src) ? Read(src) : args.GetValueOrDefault("content");
                    if (data is null) return Fail(host, $"Could not find or access '{src}' on the Ansible Controller.");
                    if (args.TryGetValue("dest", out var dest)) _written[dest] = data;
                    return true;
                case "add_host":
                    var added = args.GetValueOrDefault("name") ?? args.GetValueOrDefault("hostname") ?? args.GetValueOrDefault("host") ?? "";
                    _hosts[added] = (args.GetValueOrDefault("ansible_user") ?? "root", args.GetValueOrDefault("ansible_ssh_private_key_file"),
                        args.GetValueOrDefault("ansible_host") ?? added);
                    foreach (var g in (args.GetValueOrDefault("groups") ?? args.GetValueOrDefault("group") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (!_groups.TryGetValue(g, out var members)) _groups[g] = members = [];
                        if (!members.Contains(added)) members.Add(added);
                    }

                    return true;
                case var m when RootModules.Contains(m) && (host == "localhost" || !root):
                    return Fail(host, "This command has to be run under the root user.");
                default:
                    if (host != "localhost") guests.Apply(_hosts[host].Address, module, args);
                    return true;
            }
        }

        private bool Fail(string host, string message)
        {
            Failure = $"fatal: [{host}]: FAILED! => {{\"changed\": false, \"msg\": \"{message}\"}}";
            return false;
        }

        private string? Read(string path) => _written.TryGetValue(path, out var written) ? written : files.GetValueOrDefault(path);

        private string Render(YamlNode node) => node switch
        {
            YamlScalarNode s => Template(s.Value ?? ""),
            YamlSequenceNode seq => string.Join(",", seq.Children.Select(Render)),
            YamlMappingNode map => string.Join(",", map.Children.Select(c => Render(c.Value))),
            _ => "",
        };

        /// <summary>Renders <c>{{ workload.a.b }}</c>/<c>{{ plan.a }}</c> (filters after <c>|</c> are ignored); other expressions stay as written.</summary>
        private string Template(string text) => Expression().Replace(text, match =>
        {
            var expression = match.Groups[1].Value.Split('|')[0].Trim();
            var path = PathPattern().Match(expression);
            if (!path.Success) return match.Value;
            var parts = PathPart().Matches(expression).Select(p => p.Groups[1].Success ? p.Groups[1].Value : p.Groups[2].Value).ToList();
            if (!_vars.TryGetValue(parts[0], out var node)) throw new UndefinedVariableException($"'{parts[0]}' is undefined");
            foreach (var part in parts.Skip(1))
            {
                node = node switch
                {
                    YamlMappingNode map when map.Children.TryGetValue(new YamlScalarNode(part), out var child) => child,
                    YamlMappingNode => throw new UndefinedVariableException($"'dict object' has no attribute '{part}'"),
                    YamlSequenceNode list when int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < list.Children.Count => list.Children[i],
                    YamlSequenceNode => throw new UndefinedVariableException($"'list object' has no attribute '{part}'"),
                    _ => throw new UndefinedVariableException($"'str object' has no attribute '{part}'"),
                };
            }

            return node is YamlScalarNode scalar ? scalar.Value ?? "" : node.ToString();
        });

        private static string Module(string key)
        {
            foreach (var prefix in new[] { "ansible.builtin.", "ansible.legacy.", "ansible.posix." })
                if (key.StartsWith(prefix, StringComparison.Ordinal)) return key[prefix.Length..];
            return key;
        }

        private static string? Scalar(YamlMappingNode node, string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode s ? s.Value : null;

        private static bool Bool(YamlMappingNode node, string key) =>
            Scalar(node, key) is { } v && (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }

    private sealed class UndefinedVariableException(string message) : Exception(message);

    [GeneratedRegex(@"\{\{(.*?)\}\}")]
    private static partial Regex Expression();

    [GeneratedRegex(@"^(workload|plan)((\.[A-Za-z_][A-Za-z0-9_]*)|(\[\s*('[^']*'|""[^""]*""|[0-9]+)\s*\]))*$")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"(?:^|\.)([A-Za-z_][A-Za-z0-9_]*)|\[\s*['""]?([^'""\]]*)['""]?\s*\]")]
    private static partial Regex PathPart();
}
