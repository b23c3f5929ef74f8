using MtvConsole.Core.Validation;
using MudBlazor;

namespace MtvConsole.Web.Components.Shared;

/// <summary>The one colour and icon of each concern category, used by every page that shows concerns.</summary>
public static class ConcernCategoryStyle
{
    public static Color Color(ConcernCategory category) => category switch
    {
        ConcernCategory.Critical => MudBlazor.Color.Error,
        ConcernCategory.Warning => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Info,
    };

    public static string Icon(ConcernCategory category) => category switch
    {
        ConcernCategory.Critical => Icons.Material.Filled.Error,
        ConcernCategory.Warning => Icons.Material.Filled.Warning,
        _ => Icons.Material.Filled.Info,
    };
}
