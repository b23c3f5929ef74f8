using MtvConsole.Core.Conditions;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Readiness;

/// <summary>Hook conditions (reference §2.7): an image is required; a playbook, when set, must be base64.</summary>
public static class HookValidator
{
    public const string ReadyMessage = "The hook is ready.";

    public static void Validate(Hook hook, DateTimeOffset now) => hook.Validate(now, set =>
    {
        if (string.IsNullOrWhiteSpace(hook.Image) || hook.Image.Any(char.IsWhiteSpace))
            set.Set(Make.Critical(ConditionTypes.InvalidImage, ConditionReasons.NotSet, "The image name specified in `Image` is invalid.",
                suggestion: "Give a container image such as quay.io/konveyor/hook-runner:latest."), now);
        if (!string.IsNullOrEmpty(hook.Playbook) && !IsBase64(hook.Playbook))
            set.Set(Make.Critical(ConditionTypes.InvalidPlaybook, "DataError", "`Playbook` should contain a base64 encoded playbook."), now);
    }, ReadyMessage);

    public static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value.Trim(), buffer, out _);
    }
}
