namespace MtvConsole.Core.Resources;

/// <summary>A resource between a source (vSphere) and a destination (OpenShift) provider: maps and plans.</summary>
public abstract class MappedResource : Resource
{
    public Guid SourceProviderId { get; set; }
    public Guid DestinationProviderId { get; set; }
}
