namespace MtvConsole.Core.Resources;

/// <summary>
/// Where a hook Job finds the SSH private key of <see cref="Hook.SshKeySecret"/>: the Secret is mounted at
/// <see cref="MountPath"/> and its <c>key</c> entry is the file <see cref="FilePath"/>. The entry name is the
/// one MTV's hook documentation uses for its ssh-credentials Secret (kubev2v/forklift d42511bb2 docs/hooks.md:
/// <c>ssh_credentials.resources[0].data.key</c>). A playbook that reads that file needs the Secret.
/// </summary>
public static class HookSshKey
{
    public const string MountPath = "/tmp/ssh";
    public const string KeyName = "key";
    public const string FilePath = MountPath + "/" + KeyName;

    /// <summary>True when the hook's playbook (base64 as stored, or plain YAML) reads the mounted key.</summary>
    public static bool IsReadBy(string? playbook) => HookPlaybookText.Decode(playbook).Contains(FilePath, StringComparison.Ordinal);
}
