namespace MtvConsole.Lab.Generation;

/// <summary>The four generated clusters: production (DRS+HA), development, DR (DPM + VM-Host affinity) and edge.</summary>
internal enum ClusterKind
{
    Production,
    Development,
    DisasterRecovery,
    Edge,
}
