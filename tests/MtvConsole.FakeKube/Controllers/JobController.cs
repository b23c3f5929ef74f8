using System.Globalization;
using System.Text.Json.Nodes;
using MtvConsole.Lab.Hooks;

namespace MtvConsole.FakeKube.Controllers;

/// <summary>
/// Runs hook Jobs: each attempt is a pod (label <c>job-name</c>) taking <see cref="AttemptTime"/>, and the Job
/// fails once its failures exceed <c>backoffLimit</c> or <c>activeDeadlineSeconds</c> passes; otherwise it
/// completes. A pod whose ConfigMap or Secret volume does not exist stays Pending (<see cref="HookPodFiles"/>).
/// On an ansible-runner image (the hook-runner) the container runs its command, or the image's default
/// <c>ansible-runner run /runner</c>, which exits 1 without <c>-p</c> (<see cref="AnsibleRunnerImage"/>, citing
/// ansible/ansible-runner and kubev2v/forklift d42511bb2 pkg/controller/plan/hook.go); with <c>-p</c> it runs
/// that playbook from the mounted files through <see cref="PlaybookSimulation"/>, logging in to
/// <see cref="Guests"/>. Any other image runs its own entrypoint: one with "fail" in its name fails every
/// attempt with a termination message.
/// </summary>
public sealed class JobController(ObjectStore store, TimeProvider time)
{
    private readonly Dictionary<string, (DateTimeOffset Started, DateTimeOffset AttemptStarted, int Attempt)> _jobs = [];

    public TimeSpan AttemptTime { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The machines hook playbooks can reach over SSH.</summary>
    public FakeGuests Guests { get; } = new(store);

    /// <summary>Runs VDDK validation Jobs (<see cref="VddkValidatorJobs"/>); null runs them as hooks.</summary>
    public VddkValidatorJobs? VddkJobs { get; init; }

    public void Step()
    {
        var (jobs, _) = store.List(ResourceTypes.Job, null, _ => true);
        var now = time.GetUtcNow();
        foreach (var job in jobs)
        {
            var ns = job["metadata"]!["namespace"]!.GetValue<string>();
            var name = job["metadata"]!["name"]!.GetValue<string>();
            var uid = job["metadata"]!["uid"]!.GetValue<string>();
            if ((job["status"]?["conditions"] as JsonArray)?.Count > 0) continue;
            if (VddkJobs?.Step(job) == true) continue;
            if (!_jobs.TryGetValue(uid, out var run))
            {
                _jobs[uid] = (now, now, 1);
                StartPod(ns, name, 1);
                Status(ns, name, active: 1, failed: 0, succeeded: 0, null);
                continue;
            }

            var failedSoFar = JsonNumbers.Int(job["status"]?["failed"]) ?? 0;
            var deadline = JsonNumbers.Long(job["spec"]?["activeDeadlineSeconds"]);
            if (deadline is { } d && now - run.Started >= TimeSpan.FromSeconds(d))
            {
                Status(ns, name, 0, failedSoFar, 0, ("Failed", "DeadlineExceeded", "Job was active longer than specified deadline"));
                continue;
            }

            var podSpec = job["spec"]!["template"]!["spec"]!;
            var pod = $"{name}-{run.Attempt}";
            if (HookPodFiles.MissingVolume(store, ns, podSpec) is { } missing)
            {
                store.Mutate(ResourceTypes.Pod, ns, pod, p => p["status"] = new JsonObject { ["phase"] = "Pending", ["message"] = missing });
                _jobs[uid] = (run.Started, now, run.Attempt);
                continue;
            }

            if (now - run.AttemptStarted < AttemptTime) continue;
            var (succeeded, exitCode, message) = RunContainer(ns, podSpec);
            if (succeeded)
            {
                EndPod(ns, pod, "Succeeded", message);
                Status(ns, name, 0, failedSoFar, 1, ("Complete", "", ""));
                continue;
            }

            EndPod(ns, pod, "Failed", message, exitCode);
            var failed = failedSoFar + 1;
            var limit = JsonNumbers.Int(job["spec"]?["backoffLimit"]) ?? 6;
            if (failed > limit)
            {
                Status(ns, name, 0, failed, 0, ("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit"));
                continue;
            }

            _jobs[uid] = (run.Started, now, run.Attempt + 1);
            StartPod(ns, name, run.Attempt + 1);
            Status(ns, name, 1, failed, 0, null);
        }
    }

    private (bool Succeeded, int ExitCode, string Message) RunContainer(string ns, JsonNode podSpec)
    {
        var container = podSpec["containers"]![0]!;
        var image = container["image"]!.GetValue<string>();
        if (!AnsibleRunnerImage.Is(image))
        {
            return image.Contains("fail", StringComparison.OrdinalIgnoreCase)
                ? (false, 2, $"fatal: [localhost]: FAILED! => {{\"msg\": \"hook image {image} exited with code 2\"}}")
                : (true, 0, "PLAY RECAP: localhost ok=2 changed=1 failed=0");
        }

        var command = (container["command"] as JsonArray)?.Select(a => a!.GetValue<string>()).ToList();
        var argv = (command ?? [.. AnsibleRunnerImage.DefaultArgv]).Concat((container["args"] as JsonArray ?? []).Select(a => a!.GetValue<string>())).ToList();
        if (AnsibleRunnerImage.PlaybookPath(argv) is not { } playbook) return (false, 1, AnsibleRunnerImage.NoPlaybookMessage);
        var outcome = PlaybookSimulation.Run(playbook, HookPodFiles.Read(store, ns, podSpec, container), Guests);
        return (outcome.Succeeded, outcome.Succeeded ? 0 : 2, outcome.Output);
    }

    private void StartPod(string ns, string job, int attempt)
    {
        var template = store.Get(ResourceTypes.Job, ns, job)!["spec"]!["template"]!;
        store.Create(ResourceTypes.Pod, ns, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{job}-{attempt}",
                ["labels"] = new JsonObject { ["job-name"] = job, ["attempt"] = attempt.ToString(CultureInfo.InvariantCulture) },
            },
            ["spec"] = template["spec"]!.DeepClone(),
            ["status"] = new JsonObject { ["phase"] = "Running" },
        });
    }

    private void EndPod(string ns, string pod, string phase, string message, int exitCode = 0) =>
        store.Mutate(ResourceTypes.Pod, ns, pod, p => p["status"] = new JsonObject
        {
            ["phase"] = phase,
            ["containerStatuses"] = new JsonArray(new JsonObject
            {
                ["name"] = "hook",
                ["state"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = exitCode, ["message"] = message } },
            }),
        });

    private void Status(string ns, string name, int active, int failed, int succeeded, (string Type, string Reason, string Message)? condition) =>
        store.Mutate(ResourceTypes.Job, ns, name, j =>
        {
            var status = new JsonObject { ["active"] = active, ["failed"] = failed, ["succeeded"] = succeeded };
            if (condition is { } c)
                status["conditions"] = new JsonArray(new JsonObject { ["type"] = c.Type, ["status"] = "True", ["reason"] = c.Reason, ["message"] = c.Message });
            j["status"] = status;
        });
}
