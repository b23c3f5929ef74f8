using System.Text;

namespace MtvConsole.Core.Resources;

/// <summary>A hook's playbook as text: Hook CRs carry it base64-encoded (kubev2v/forklift d42511bb2 pkg/controller/plan/hook.go playbook()); plain YAML is taken as is.</summary>
public static class HookPlaybookText
{
    public static string Decode(string? playbook)
    {
        if (string.IsNullOrWhiteSpace(playbook)) return "";
        var buffer = new byte[playbook.Length];
        return Convert.TryFromBase64String(playbook.Trim(), buffer, out var n) ? Encoding.UTF8.GetString(buffer, 0, n) : playbook;
    }
}
