using MtvConsole.Core.Conditions;
using MtvConsole.Core.Resources;

namespace MtvConsole.Core.Readiness;

/// <summary>
/// Hook conditions (reference §2.7): an image is required; a playbook, when set, must be base64; a playbook
/// that logs in to the VM with the mounted SSH key (<see cref="HookSshKey.FilePath"/>) needs the Secret that
/// holds it, or the Job could only fail after the copy (the console's own rule: Forklift has no such field).
/// </summary>
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
        else if (string.IsNullOrWhiteSpace(hook.SshKeySecret) && HookSshKey.IsReadBy(hook.Playbook))
            set.Set(Make.Critical(ConditionTypes.SshKeySecretNotSet, ConditionReasons.NotSet,
                $"The playbook logs in to the VM with the SSH key at {HookSshKey.FilePath}, but the hook names no Secret to mount there.",
                suggestion: $"Set the hook's SSH key Secret: a Secret in the plan's target namespace whose '{HookSshKey.KeyName}' entry is the private key the VM accepts."), now);
    }, ReadyMessage);

    public static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value.Trim(), buffer, out _);
    }
}
