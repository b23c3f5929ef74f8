namespace MtvConsole.FakeKube.OpenApi;

/// <summary>
/// One schema violation as the API server reports it in a Status cause: <c>reason</c>
/// (<c>FieldValueInvalid</c>, <c>FieldValueRequired</c>, <c>FieldValueNotSupported</c>), the field path
/// (<c>spec.template.spec.domain.devices.disks[0].bus</c>) and the body after the path.
/// </summary>
/// <remarks>
/// kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go (v1.31):
/// <c>Error()</c> is <c>"&lt;field&gt;: &lt;body&gt;"</c>; the body is, e.g., <c>Required value</c> or
/// <c>Invalid value: "string": spec.x in body must be of type integer: "string"</c>.
/// </remarks>
public sealed record FieldError(string Reason, string Field, string Body)
{
    public const string InvalidReason = "FieldValueInvalid";
    public const string RequiredReason = "FieldValueRequired";
    public const string NotSupportedReason = "FieldValueNotSupported";

    public override string ToString() => $"{Field}: {Body}";
}
