using System.Text;
using k8s.Models;

namespace MtvConsole.KubeVirt.Manifests;

/// <summary>The per-VM Secret CDI's VDDK importer reads: keys <c>accessKeyId</c> (user) and <c>secretKey</c> (password).</summary>
public static class VddkSecretManifest
{
    public static V1Secret Build(string @namespace, string name, IReadOnlyDictionary<string, string> labels, SourceCredentials credentials) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace, Labels = new Dictionary<string, string>(labels) },
        Type = "Opaque",
        Data = new Dictionary<string, byte[]>
        {
            ["accessKeyId"] = Encoding.UTF8.GetBytes(credentials.User),
            ["secretKey"] = Encoding.UTF8.GetBytes(credentials.Password),
        },
    };
}
