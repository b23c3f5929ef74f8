namespace MtvConsole.Core.Engine;

/// <summary>A change the engine made, published on the <see cref="EngineEventFeed"/>.</summary>
public abstract record EngineEvent(Guid RunId, DateTimeOffset At);

/// <summary>A VM moved to another itinerary phase.</summary>
public sealed record VmPhaseChanged(Guid RunId, DateTimeOffset At, string VmId, string From, string To) : EngineEvent(RunId, At);

/// <summary>A VM's copy progressed: bytes, throughput, ETA of the running copy and predicted cutover downtime.</summary>
public sealed record VmProgressed(Guid RunId, DateTimeOffset At, string VmId, long CompletedMiB, long TotalMiB, VmEstimate Estimate)
    : EngineEvent(RunId, At);

/// <summary>A warm precopy finished.</summary>
public sealed record PrecopyCompleted(Guid RunId, DateTimeOffset At, string VmId, int Number, long BytesCopied) : EngineEvent(RunId, At);

/// <summary>A run (and its plan) changed status: Executing, Succeeded, Failed or Canceled.</summary>
public sealed record PlanStatusChanged(Guid RunId, DateTimeOffset At, Guid PlanId, string Status) : EngineEvent(RunId, At);
