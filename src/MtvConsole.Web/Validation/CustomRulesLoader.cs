using MtvConsole.Core.Validation;
using MtvConsole.Core.Validation.Custom;

namespace MtvConsole.Web.Validation;

/// <summary>
/// Loads the custom rules file named by <c>Validation:CustomRulesPath</c> (relative to the content root) into
/// the validation service when its content changed. Problems are logged and shown on the validation page;
/// the built-in rules keep working.
/// </summary>
public sealed class CustomRulesLoader(ValidationService validation, IConfiguration configuration, IHostEnvironment environment, ILogger<CustomRulesLoader> logger)
{
    private string? _loaded;

    public string? Path
    {
        get
        {
            var setting = configuration["Validation:CustomRulesPath"];
            return string.IsNullOrWhiteSpace(setting) ? null : System.IO.Path.GetFullPath(System.IO.Path.Combine(environment.ContentRootPath, setting));
        }
    }

    /// <summary>Reads the file again; when its content differs from what is loaded, the rules change (and everything revalidates).</summary>
    public void Reload()
    {
        var path = Path;
        string content;
        if (path is null)
        {
            content = "";
        }
        else if (!File.Exists(path))
        {
            logger.LogWarning("The custom rules file {Path} (Validation:CustomRulesPath) does not exist; only the built-in rules apply.", path);
            content = "";
        }
        else
        {
            try
            {
                content = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogError("The custom rules file {Path} cannot be read ({Error}); the rules stay as they are.", path, e.Message);
                return;
            }
        }

        if (content == (_loaded ?? "")) return;
        var file = CustomRulesParser.Parse(content, MtvConsole.Core.Validation.Rules.BuiltInRules.All.Select(r => r.Id));
        foreach (var error in file.Errors) logger.LogError("{Path}: {Error}", path, error);
        validation.SetCustomRules(file);
        _loaded = content;
        logger.LogInformation("Loaded {Count} custom validation rules from {Path}; rules version {Version}.", file.Rules.Count, path, validation.Rules.Version);
    }
}
