namespace MtvConsole.Lab.Generation;

/// <summary>Where and what one VM will be: its host, folder, name, guest OS, role and planted concern.</summary>
internal sealed record VmPlan(
    int Index,
    string Id,
    string Name,
    string Role,
    HostPlacement Host,
    FolderNode Folder,
    GuestOs Os,
    ConcernSlot? Slot,
    int MinDisks);
