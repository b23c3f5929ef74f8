using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;

namespace MtvConsole.Lab;

/// <summary>
/// The Lab cluster's answer to the VDDK validation Job: its simulated nodes pull any image and its importer needs no
/// library, so every image validates at once. (A remote vCenter migrating into the Lab cluster still needs an image set.)
/// </summary>
public sealed class LabVddkImageValidator(TimeProvider time) : IVddkImageValidator
{
    public Task<VddkValidationResult> ValidateAsync(VddkValidationJob job, CancellationToken cancellationToken = default) =>
        Task.FromResult(new VddkValidationResult(VddkImageCheckPhase.Succeeded, "", "", time.GetUtcNow()));

    public Task DeleteAsync(string @namespace, string name, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
