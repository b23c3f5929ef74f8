using System.Globalization;
using System.Text.Json.Nodes;

namespace MtvConsole.FakeKube.Controllers;

/// <summary>
/// Runs hook Jobs: each attempt is a pod (label <c>job-name</c>) taking <see cref="AttemptTime"/>; an image
/// with "fail" in its name fails every attempt with a termination message, and the Job fails once its
/// failures exceed <c>backoffLimit</c> or <c>activeDeadlineSeconds</c> passes; otherwise it completes.
/// </summary>
public sealed class JobController(ObjectStore store, TimeProvider time)
{
    private readonly Dictionary<string, (DateTimeOffset Started, DateTimeOffset AttemptStarted, int Attempt)> _jobs = [];

    public TimeSpan AttemptTime { get; set; } = TimeSpan.FromSeconds(20);

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

            if (now - run.AttemptStarted < AttemptTime) continue;
            var image = job["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>();
            var pod = $"{name}-{run.Attempt}";
            if (!image.Contains("fail", StringComparison.OrdinalIgnoreCase))
            {
                EndPod(ns, pod, "Succeeded", "PLAY RECAP: localhost ok=2 changed=1 failed=0");
                Status(ns, name, 0, failedSoFar, 1, ("Complete", "", ""));
                continue;
            }

            EndPod(ns, pod, "Failed", $"fatal: [localhost]: FAILED! => {{\"msg\": \"hook image {image} exited with code 2\"}}");
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

    private void EndPod(string ns, string pod, string phase, string message) =>
        store.Mutate(ResourceTypes.Pod, ns, pod, p => p["status"] = new JsonObject
        {
            ["phase"] = phase,
            ["containerStatuses"] = new JsonArray(new JsonObject
            {
                ["name"] = "hook",
                ["state"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = phase == "Failed" ? 2 : 0, ["message"] = message } },
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
