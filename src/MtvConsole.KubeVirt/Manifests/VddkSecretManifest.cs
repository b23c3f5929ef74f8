using System.Text;
using k8s.Models;

namespace MtvConsole.KubeVirt.Manifests;

/// <summary>The per-VM Secret CDI's VDDK importer reads: keys <c>accessKeyId</c> (user) and <c>secretKey</c> (password).</summary>
// kubevirt/containerized-data-importer c07cdb6fb pkg/common/common.go: KeyAccess = "accessKeyId", KeySecret = "secretKey";
// kubev2v/forklift d42511bb2 pkg/controller/plan/adapter/vsphere/builder.go: Secret.
public static class VddkSecretManifest
{
    public const string UserKey = "accessKeyId";
    public const string PasswordKey = "secretKey";

    public static V1Secret Build(string @namespace, string name, IReadOnlyDictionary<string, string> labels, SourceCredentials credentials) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace, Labels = new Dictionary<string, string>(labels) },
        Type = "Opaque",
        Data = new Dictionary<string, byte[]>
        {
            [UserKey] = Encoding.UTF8.GetBytes(credentials.User),
            [PasswordKey] = Encoding.UTF8.GetBytes(credentials.Password),
        },
    };

    /// <summary>Whether <paramref name="current"/> already holds the account <paramref name="wanted"/> carries.</summary>
    public static bool HasAccount(V1Secret current, V1Secret wanted) =>
        wanted.Data.All(kv => current.Data?.TryGetValue(kv.Key, out var value) == true && value.AsSpan().SequenceEqual(kv.Value));
}
