using MtvConsole.Core.Inventory;

namespace MtvConsole.Lab.Generation;

/// <summary>A folder while the inventory is being built; children are added as objects are placed in it.</summary>
internal sealed class FolderNode(string id, string name, string path, ObjectRef? parent)
{
    public string Id { get; } = id;
    public string Name { get; } = name;
    public string Path { get; } = path;
    public ObjectRef? Parent { get; } = parent;
    public List<ObjectRef> Children { get; } = [];

    public ObjectRef Ref => new("Folder", Id);

    public Folder ToFolder() => new(Id, Name, Path, Parent, Children.ToArray());
}
