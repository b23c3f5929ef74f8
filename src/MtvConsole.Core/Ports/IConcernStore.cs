using MtvConsole.Core.Validation;

namespace MtvConsole.Core.Ports;

/// <summary>Where validation results are kept, per provider and VM. In memory: they are recomputable from the inventory.</summary>
public interface IConcernStore
{
    VmValidation? Get(Guid providerId, string vmId);

    IReadOnlyCollection<VmValidation> ForProvider(Guid providerId);

    IReadOnlyCollection<VmValidation> All();

    int Count(Guid providerId);

    void Put(VmValidation validation);

    bool Remove(Guid providerId, string vmId);
}
