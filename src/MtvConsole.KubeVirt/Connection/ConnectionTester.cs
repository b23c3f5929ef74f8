using System.Net.Http;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace MtvConsole.KubeVirt.Connection;

/// <summary>The outcome of a connection test: the server's version and the permissions we lack.</summary>
public sealed record ConnectionReport(string ServerVersion, IReadOnlyList<Permission> Missing)
{
    public bool Succeeded => Missing.Count == 0;

    /// <summary>
    /// "missing permissions: datavolumes.cdi.kubevirt.io (create, delete), add to the console's ClusterRole the rule
    /// {apiGroups: ["cdi.kubevirt.io"], resources: ["datavolumes"], verbs: ["create", "delete"]}; …", grouped by resource.
    /// </summary>
    public string Describe() => Missing.Count == 0
        ? $"Kubernetes {ServerVersion}; every permission the migration needs is granted."
        : $"Kubernetes {ServerVersion}; missing permissions: " + string.Join("; ", Missing
            .GroupBy(p => p.Display)
            .Select(g => $"{g.Key} ({string.Join(", ", g.Select(p => p.Verb))}), add to the console's ClusterRole the rule {RequiredPermissions.Fix(g)}"));
}

/// <summary>Reads the server version, then asks SelfSubjectAccessReview about every <see cref="RequiredPermissions"/> entry.</summary>
public static class ConnectionTester
{
    public static async Task<ConnectionReport> TestAsync(IKubernetes client, string? @namespace = null, KubeVirtOptions? options = null, CancellationToken ct = default)
    {
        try
        {
            var version = await client.Version.GetCodeAsync(ct);
            var missing = new List<Permission>();
            foreach (var p in RequiredPermissions.For(options ?? new KubeVirtOptions()))
            {
                var review = await client.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(new V1SelfSubjectAccessReview
                {
                    Spec = new V1SelfSubjectAccessReviewSpec
                    {
                        ResourceAttributes = new V1ResourceAttributes
                        {
                            Group = p.Group, Resource = p.Resource, Subresource = p.Subresource.Length == 0 ? null : p.Subresource,
                            Name = p.ResourceName.Length == 0 ? null : p.ResourceName, Verb = p.Verb, NamespaceProperty = @namespace,
                        },
                    },
                }, cancellationToken: ct);
                if (review.Status?.Allowed != true) missing.Add(p);
            }

            return new ConnectionReport(version.GitVersion, missing);
        }
        catch (HttpOperationException e)
        {
            throw new ClusterConnectionException($"The API server answered {(int?)e.Response?.StatusCode} {e.Response?.StatusCode}: {e.ServerMessage()}", e);
        }
        catch (HttpRequestException e)
        {
            throw new ClusterConnectionException(UntrustedCertificate.Describe(e), e);
        }
    }
}
