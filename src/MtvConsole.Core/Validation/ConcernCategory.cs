namespace MtvConsole.Core.Validation;

/// <summary>
/// The category of a validation concern, as Forklift's rules report it. Critical means the migration will
/// fail or lose data unless fixed (it blocks starting a plan unless acknowledged); Warning means a feature
/// does not migrate; Information has a small impact.
/// </summary>
public enum ConcernCategory
{
    Critical,
    Warning,
    Information,
}
