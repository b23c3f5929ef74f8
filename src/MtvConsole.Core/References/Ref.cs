namespace MtvConsole.Core.References;

/// <summary>
/// An inventory reference: an <see cref="Id"/> (a managed-object ref such as <c>vm-431</c>) or a
/// <see cref="Name"/> (a plain or path-qualified name). At least one must be set.
/// </summary>
public sealed record Ref(string? Id = null, string? Name = null, string? Type = null)
{
    public static Ref ById(string id, string? type = null) => new(id, null, type);
    public static Ref ByName(string name, string? type = null) => new(null, name, type);

    public bool IsSet => !string.IsNullOrWhiteSpace(Id) || !string.IsNullOrWhiteSpace(Name);

    /// <summary>Forklift's string form, used in condition items: <c>(type) id:&lt;id&gt; name:'&lt;name&gt;' </c>.</summary>
    public override string ToString() => $"({Type}) id:{Id} name:'{Name}' ";
}
