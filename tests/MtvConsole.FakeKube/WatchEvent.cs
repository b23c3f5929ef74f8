using System.Text.Json.Nodes;

namespace MtvConsole.FakeKube;

/// <summary>One change of one object, as a watch streams it.</summary>
public sealed record WatchEvent(long ResourceVersion, ResourceType Type, string EventType, JsonObject Object)
{
    public string? Namespace => Object["metadata"]?["namespace"]?.GetValue<string>();
}
