namespace MtvConsole.Web.Hosting;

/// <summary>Where the console keeps its files: the database (by default) and the Data Protection keys.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The data folder, relative to the content root unless absolute.</summary>
    public string DataFolder { get; set; } = "data";
}
