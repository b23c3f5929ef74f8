using MtvConsole.Core.Validation;

namespace MtvConsole.Core.Ports;

/// <summary>Acknowledgements of Critical concerns; they must survive restarts.</summary>
public interface IAcknowledgementStore
{
    IReadOnlyList<Acknowledgement> All();

    Acknowledgement? Find(Guid providerId, string vmId, string concernId);

    void Add(Acknowledgement acknowledgement);

    bool Remove(Guid providerId, string vmId, string concernId);
}
