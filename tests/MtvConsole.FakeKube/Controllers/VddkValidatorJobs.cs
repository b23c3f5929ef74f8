using System.Globalization;
using System.Text.Json.Nodes;

namespace MtvConsole.FakeKube.Controllers;

/// <summary>
/// Runs Forklift's VDDK validation Job (kubev2v/forklift d42511bb2 pkg/controller/plan/validation.go:2059-2160): a Job
/// whose pod has the <c>vddk-side-car</c> init container (the VDDK image, copying its library into <c>/opt</c>) and a
/// container running <c>file -E /opt/vmware-vix-disklib-distrib/lib64/libvixDiskLib.so</c>. An image the nodes cannot pull
/// (<see cref="ContainerImages"/>) keeps the pod Pending in ErrImagePull, then ImagePullBackOff, and the Job active for ever
/// (upstream: "validation jobs do not have a deadline, so they will keep trying indefinitely if they can't pull the image").
/// A pulled image with the library completes the Job; one without it fails each attempt with <c>file</c>'s message until
/// the failures exceed backoffLimit.
/// </summary>
public sealed class VddkValidatorJobs(ObjectStore store, ContainerImages images, TimeProvider time)
{
    public const string SideCar = "vddk-side-car";

    /// <summary>Whether <paramref name="job"/> is a VDDK validation Job (then this step handled it).</summary>
    public bool Step(JsonObject job)
    {
        var podSpec = job["spec"]?["template"]?["spec"];
        if ((podSpec?["initContainers"] as JsonArray)?.FirstOrDefault()?["name"]?.GetValue<string>() != SideCar) return false;
        var ns = job["metadata"]!["namespace"]!.GetValue<string>();
        var name = job["metadata"]!["name"]!.GetValue<string>();
        var image = podSpec!["initContainers"]![0]!["image"]!.GetValue<string>();
        var failed = JsonNumbers.Int(job["status"]?["failed"]) ?? 0;
        var started = job["status"]?["startTime"]?.GetValue<string>() ?? time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var pod = $"{name}-{failed + 1}";
        if (store.Get(ResourceTypes.Pod, ns, pod) is null)
        {
            store.Create(ResourceTypes.Pod, ns, new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = pod, ["labels"] = new JsonObject { ["job-name"] = name } },
                ["spec"] = podSpec.DeepClone(),
                ["status"] = new JsonObject { ["phase"] = "Pending" },
            });
            Status(ns, name, started, active: 1, failed, null);
            return true;
        }

        if (!images.IsPullable(image))
        {
            var tried = store.Get(ResourceTypes.Pod, ns, pod)!["status"]?["initContainerStatuses"] is JsonArray;
            var (reason, message) = tried ? ("ImagePullBackOff", ContainerImages.BackOff(image)) : ("ErrImagePull", ContainerImages.PullError(image));
            store.Mutate(ResourceTypes.Pod, ns, pod, p => p["status"] = new JsonObject
            {
                ["phase"] = "Pending",
                ["initContainerStatuses"] = new JsonArray(new JsonObject
                {
                    ["name"] = SideCar, ["image"] = image, ["ready"] = false, ["restartCount"] = 0,
                    ["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = reason, ["message"] = message } },
                }),
            });
            Status(ns, name, started, active: 1, failed, null);
            return true;
        }

        var command = string.Join(' ', (podSpec["containers"]![0]!["command"] as JsonArray ?? []).Select(c => c!.GetValue<string>()));
        var library = command == $"file -E {ContainerImages.VddkLibrary}" && images.HasVddkLibrary(image);
        var output = library
            ? $"{ContainerImages.VddkLibrary}: ELF 64-bit LSB shared object, x86-64, version 1 (SYSV), dynamically linked, stripped"
            : $"{ContainerImages.VddkLibrary}: cannot open `{ContainerImages.VddkLibrary}' (No such file or directory)";
        store.Mutate(ResourceTypes.Pod, ns, pod, p => p["status"] = new JsonObject
        {
            ["phase"] = library ? "Succeeded" : "Failed",
            ["containerStatuses"] = new JsonArray(new JsonObject
            {
                ["name"] = "validator",
                ["state"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = library ? 0 : 1, ["message"] = output } },
            }),
        });
        if (library)
        {
            Status(ns, name, started, 0, failed, ("Complete", "", ""));
            return true;
        }

        var limit = JsonNumbers.Int(job["spec"]?["backoffLimit"]) ?? 6;
        Status(ns, name, started, failed + 1 > limit ? 0 : 1, failed + 1,
            failed + 1 > limit ? ("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit") : null);
        return true;
    }

    private void Status(string ns, string name, string started, int active, int failed, (string Type, string Reason, string Message)? condition) =>
        store.Mutate(ResourceTypes.Job, ns, name, j =>
        {
            var status = new JsonObject { ["startTime"] = started, ["active"] = active, ["failed"] = failed, ["succeeded"] = condition?.Type == "Complete" ? 1 : 0 };
            if (condition is { } c)
                status["conditions"] = new JsonArray(new JsonObject { ["type"] = c.Type, ["status"] = "True", ["reason"] = c.Reason, ["message"] = c.Message });
            j["status"] = status;
        });
}
