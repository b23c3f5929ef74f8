namespace MtvConsole.Core.Conditions;

/// <summary>Well-known condition types and reasons used across resources.</summary>
public static class ConditionTypes
{
    public const string Ready = "Ready";
    public const string Validated = "Validated";
    public const string Executing = "Executing";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Canceled = "Canceled";
    public const string Running = "Running";
    public const string Archived = "Archived";

    // Provider
    public const string ProviderTypeNotSupported = "ProviderTypeNotSupported";
    public const string UrlNotValid = "UrlNotValid";
    public const string SecretNotValid = "SecretNotValid";
    public const string ConnectionTestSucceeded = "ConnectionTestSucceeded";
    public const string ConnectionTestFailed = "ConnectionTestFailed";
    public const string InventoryCreated = "InventoryCreated";
    public const string LoadInventory = "LoadInventory";
    public const string CertificateChanged = "CertificateChanged";

    // Host
    public const string RefNotValid = "RefNotValid";
    public const string TypeNotValid = "TypeNotValid";
    public const string IpNotValid = "IpNotValid";
    public const string ProviderNotReady = "ProviderNotReady";

    // Maps
    public const string SourceProviderNotValid = "SourceProviderNotValid";
    public const string DestinationProviderNotValid = "DestinationProviderNotValid";
    public const string SourceProviderNotReady = "SourceProviderNotReady";
    public const string DestinationProviderNotReady = "DestinationProviderNotReady";
    public const string SourceNetworkNotValid = "SourceNetworkNotValid";
    public const string DestinationNetworkNotValid = "DestinationNetworkNotValid";
    public const string SourceStorageNotValid = "SourceStorageNotValid";
    public const string DestinationStorageNotValid = "DestinationStorageNotValid";

    // Hook
    public const string InvalidImage = "InvalidImage";
    public const string InvalidPlaybook = "InvalidPlaybook";
    public const string SshKeySecretNotSet = "SshKeySecretNotSet";

    // Plan
    public const string NamespaceNotValid = "NamespaceNotValid";
    public const string NetworkMapRefNotValid = "NetworkMapRefNotValid";
    public const string NetworkMapNotReady = "NetworkMapNotReady";
    public const string StorageRefNotValid = "StorageRefNotValid";
    public const string StorageMapNotReady = "StorageMapNotReady";
    public const string VMRefNotValid = "VMRefNotValid";
    public const string VMNotFound = "VMNotFound";
    public const string DuplicateVM = "DuplicateVM";
    public const string TargetNameNotValid = "TargetNameNotValid";
    public const string VMAlreadyExists = "VMAlreadyExists";
    public const string VMNetworksNotMapped = "VMNetworksNotMapped";
    public const string VMStorageNotMapped = "VMStorageNotMapped";
    public const string TransferNetworkNotValid = "TransferNetworkNotValid";
    public const string HookNotValid = "HookNotValid";
    public const string HookNotReady = "HookNotReady";
    public const string HookStepNotValid = "HookStepNotValid";
    public const string HostNotReady = "HostNotReady";
    public const string VMMissingChangedBlockTracking = "VMMissingChangedBlockTracking";
    public const string VMCriticalConcerns = "VMCriticalConcerns";
    public const string VMMultiplePodNetworkMappings = "VMMultiplePodNetworkMappings";
    public const string MacConflicts = "MacConflicts";
    public const string VddkThumbprintMissing = "VddkThumbprintMissing";

    // Plan: the source provider's VDDK init image (kubev2v/forklift d42511bb2 pkg/controller/plan/validation.go:96-99).
    public const string VDDKInvalid = "VDDKInvalid";
    public const string ValidatingVDDK = "ValidatingVDDK";
    public const string VDDKInitImageNotReady = "VDDKInitImageNotReady";
    public const string VDDKInitImageUnavailable = "VDDKInitImageUnavailable";
}

public static class ConditionReasons
{
    public const string NotSet = "NotSet";
    public const string NotFound = "NotFound";
    public const string Ambiguous = "Ambiguous";
    public const string NotUnique = "NotUnique";
    public const string NotValid = "NotValid";
    public const string Malformed = "Malformed";
    public const string DataErr = "DataErr";
    public const string Tested = "Tested";
    public const string Completed = "Completed";
    public const string Started = "Started";
    public const string TypeNotValid = "TypeNotValid";
    public const string NotSupported = "NotSupported";
    public const string UserRequested = "UserRequested";
    public const string Modified = "Modified";
    public const string Deleted = "Deleted";
}
