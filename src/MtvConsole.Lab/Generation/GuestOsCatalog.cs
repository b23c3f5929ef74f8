namespace MtvConsole.Lab.Generation;

/// <summary>The guest operating systems the Lab generates, with real vSphere guest ids.</summary>
public static class GuestOsCatalog
{
    public static readonly GuestOs Rhel9 = new("rhel9_64Guest", "Red Hat Enterprise Linux 9 (64-bit)", false, true);
    public static readonly GuestOs Rhel8 = new("rhel8_64Guest", "Red Hat Enterprise Linux 8 (64-bit)", false, true);
    public static readonly GuestOs Rhel7 = new("rhel7_64Guest", "Red Hat Enterprise Linux 7 (64-bit)", false, true);
    public static readonly GuestOs Windows2016 = new("windows9Server64Guest", "Microsoft Windows Server 2016 or later (64-bit)", true, true);
    public static readonly GuestOs Windows2019 = new("windows2019srv_64Guest", "Microsoft Windows Server 2019 (64-bit)", true, true);
    public static readonly GuestOs Windows2022 = new("windows2019srvNext_64Guest", "Microsoft Windows Server 2022 (64-bit)", true, true);
    public static readonly GuestOs Ubuntu = new("ubuntu64Guest", "Ubuntu Linux (64-bit)", false, true);
    public static readonly GuestOs Sles15 = new("sles15_64Guest", "SUSE Linux Enterprise 15 (64-bit)", false, true);
    public static readonly GuestOs Rhel6 = new("rhel6_64Guest", "Red Hat Enterprise Linux 6 (64-bit)", false, false);
    public static readonly GuestOs Photon = new("vmwarePhoton64Guest", "VMware Photon OS (64-bit)", false, false);

    public static IReadOnlyList<GuestOs> All { get; } =
        [Rhel9, Rhel8, Rhel7, Windows2016, Windows2019, Windows2022, Ubuntu, Sles15, Rhel6, Photon];

    /// <summary>The mix of supported systems that ordinary VMs get, as (OS, weight in percent).</summary>
    internal static IReadOnlyList<(GuestOs Os, int Weight)> CommonMix { get; } =
    [
        (Rhel9, 20), (Rhel8, 20), (Rhel7, 8), (Windows2016, 8), (Windows2019, 12), (Windows2022, 12), (Ubuntu, 12), (Sles15, 8),
    ];

    public static GuestOs? FindByGuestId(string guestId) =>
        All.FirstOrDefault(o => string.Equals(o.GuestId, guestId, StringComparison.OrdinalIgnoreCase));

    public static bool IsWindows(string guestId) => guestId.Contains("windows", StringComparison.OrdinalIgnoreCase);
}
