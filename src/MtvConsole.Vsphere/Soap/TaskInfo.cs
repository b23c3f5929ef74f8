using System.Xml.Linq;
using MtvConsole.Core.Inventory;
using MtvConsole.Core.Ports;

namespace MtvConsole.Vsphere.Soap;

/// <summary>A vSphere task's <c>info</c>: state, result reference, error (fault type and message) and the entity it ran on.</summary>
internal static class TaskInfo
{
    public static SourceTaskInfo Parse(string taskId, XElement info, out ObjectRef? entity)
    {
        entity = info.Child("entity") is { } e0 ? new ObjectRef(e0.Attribute("type")?.Value ?? "", e0.Value) : null;
        var state = info.ChildText("state") switch
        {
            "queued" => SourceTaskState.Queued,
            "running" => SourceTaskState.Running,
            "success" => SourceTaskState.Success,
            _ => SourceTaskState.Error,
        };
        string? error = null;
        if (info.Child("error") is { } e)
        {
            var fault = e.Child("fault");
            var faultType = fault is null ? "" : Vim.TypeOf(fault) ?? "";
            var message = e.ChildText("localizedMessage") ?? "";
            error = string.IsNullOrEmpty(message) || message.TrimStart('*').EndsWith(faultType, StringComparison.Ordinal)
                ? faultType
                : $"{faultType}: {message}";
        }
        return new SourceTaskInfo(taskId, state, info.Child("result") is { } result && !result.HasElements ? result.Value : null, error);
    }
}
