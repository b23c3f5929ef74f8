namespace MtvConsole.Lab.Generation;

/// <summary>A guest operating system as VMware reports it, and whether virt-v2v can convert it.</summary>
public sealed record GuestOs(string GuestId, string FullName, bool IsWindows, bool ConversionSupported);
