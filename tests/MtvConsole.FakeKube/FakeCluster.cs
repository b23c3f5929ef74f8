using System.Text.Json.Nodes;
using k8s;
using Microsoft.Extensions.Time.Testing;
using MtvConsole.FakeKube.Controllers;

namespace MtvConsole.FakeKube;

/// <summary>
/// The fake API server plus its simulated controllers (CDI, conversion Pod, hook Jobs, KubeVirt), all
/// moved by <see cref="Advance"/> on a <see cref="FakeTimeProvider"/>: no sleeps, no background threads.
/// </summary>
public sealed class FakeCluster : IAsyncDisposable
{
    private FakeCluster(FakeKubeServer server, FakeTimeProvider time)
    {
        Server = server;
        Time = time;
        Cdi = new CdiController(server.Store) { Importers = new CdiImporterPods(server.Store, Images) };
        Pods = new PodController(server.Store, time);
        Jobs = new JobController(server.Store, time) { VddkJobs = new VddkValidatorJobs(server.Store, Images, time) };
        Vms = new VirtualMachineController(server.Store);
        server.PodPorts = Pods.Serve;
        server.PodPosts = Pods.Post;
    }

    public FakeKubeServer Server { get; }
    public FakeTimeProvider Time { get; }

    /// <summary>The images the nodes can pull; register each image a test's pods use.</summary>
    public ContainerImages Images { get; } = new();
    public ObjectStore Store => Server.Store;
    public CdiController Cdi { get; }
    public PodController Pods { get; }
    public JobController Jobs { get; }
    public VirtualMachineController Vms { get; }

    public static async Task<FakeCluster> StartAsync(FakeTimeProvider? time = null, bool https = false)
    {
        time ??= new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));
        return new FakeCluster(await FakeKubeServer.StartAsync(time, https), time);
    }

    public IKubernetes Client(string token = "good-token") => Server.Client(token);

    /// <summary>Lets <paramref name="duration"/> pass in slices of at most 5 s, running every controller after each.</summary>
    public void Advance(TimeSpan duration)
    {
        var slices = Math.Clamp((int)Math.Ceiling(duration.TotalSeconds / 5), 1, 50);
        var slice = duration / slices;
        for (var i = 0; i < slices; i++)
        {
            Time.Advance(slice);
            Step(slice);
        }
    }

    /// <summary>Runs every controller once for <paramref name="elapsed"/> of copy time, without moving the clock.</summary>
    public void Step(TimeSpan elapsed)
    {
        Cdi.Step(elapsed);
        Pods.Step();
        Jobs.Step();
        Vms.Step();
    }

    public void AddNamespace(string name) =>
        Store.Create(ResourceTypes.Namespace, "", Server.Admission.WithIdRanges(new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } }));

    /// <summary>A storage class and its CDI StorageProfile with the given default modes.</summary>
    public void AddStorageClass(string name, string bindingMode = "Immediate", string volumeMode = "Filesystem", string accessMode = "ReadWriteOnce", bool isDefault = false)
    {
        var meta = new JsonObject { ["name"] = name };
        if (isDefault) meta["annotations"] = new JsonObject { ["storageclass.kubernetes.io/is-default-class"] = "true" };
        Store.Create(ResourceTypes.StorageClass, "", new JsonObject { ["metadata"] = meta, ["provisioner"] = "fake.csi.example.com", ["volumeBindingMode"] = bindingMode });
        Store.Create(ResourceTypes.StorageProfile, "", new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["status"] = new JsonObject
            {
                ["storageClass"] = name,
                ["claimPropertySets"] = new JsonArray(new JsonObject { ["volumeMode"] = volumeMode, ["accessModes"] = new JsonArray(accessMode) }),
            },
        });
    }

    public void AddNad(string ns, string name, string? config = null, IReadOnlyDictionary<string, string>? annotations = null)
    {
        var meta = new JsonObject { ["name"] = name };
        if (annotations is not null) meta["annotations"] = new JsonObject([.. annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))]);
        Store.Create(ResourceTypes.Nad, ns, new JsonObject
        {
            ["metadata"] = meta,
            ["spec"] = new JsonObject { ["config"] = config ?? $$"""{"cniVersion":"0.3.1","name":"{{name}}","type":"bridge","bridge":"br1"}""" },
        });
    }

    /// <summary>An existing VM (not created by a migration) with the given MACs.</summary>
    public void AddVm(string ns, string name, params string[] macs) =>
        Store.Create(ResourceTypes.VirtualMachine, ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["runStrategy"] = "Always",
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["domain"] = new JsonObject
                        {
                            ["devices"] = new JsonObject
                            {
                                ["interfaces"] = new JsonArray([.. macs.Select((m, i) => (JsonNode)new JsonObject { ["name"] = $"nic{i}", ["macAddress"] = m, ["masquerade"] = new JsonObject() })]),
                            },
                        },
                        ["networks"] = new JsonArray([.. macs.Select((_, i) => (JsonNode)new JsonObject { ["name"] = $"nic{i}", ["pod"] = new JsonObject() })]),
                    },
                },
            },
        });

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
