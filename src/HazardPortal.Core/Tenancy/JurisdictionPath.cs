
namespace HazardPortal.Core.Tenancy;

/// <summary>
/// The one reading of a jurisdiction path (an ltree of 12-digit codes from 全国): its own code, its parent, its
/// labels and its level. The tree has one label per level (全国 → 省 → 地市 → 县 → 乡镇 → 村), so a path's depth is
/// its level; every place that needs a node's code or level reads it here. A city without counties (东莞市, 中山市,
/// 儋州市) stands at both the prefecture's and the county's depth: its townships' paths repeat its label
/// (<c>DivisionImport.ChildPath</c>), so the parent is still the label before the last.
/// </summary>
public static class JurisdictionPath
{
    /// <summary>The labels from 全国 down to the node.</summary>
    public static string[] Labels(string path) => path.Split('.');

    /// <summary>How many labels the path has: 1 for 全国, 5 for a township, 6 for a village.</summary>
    public static int Depth(string path) => path.Length == 0 ? 0 : path.Count(c => c == '.') + 1;

    /// <summary>The node's own code (the last label).</summary>
    public static string Code(string path) => path[(path.LastIndexOf('.') + 1)..];

    /// <summary>The parent's code, or null for 全国.</summary>
    public static string? ParentCode(string path)
    {
        var labels = Labels(path);
        return labels.Length >= 2 ? labels[^2] : null;
    }

    /// <summary>The label at a depth (1 = 全国, 2 = the province …), or null when the path is shallower.</summary>
    public static string? CodeAt(string path, int depth)
    {
        var labels = Labels(path);
        return depth >= 1 && depth <= labels.Length ? labels[depth - 1] : null;
    }

    /// <summary>The level a path's depth stands for.</summary>
    public static JurisdictionLevel Level(string path) => LevelAt(Depth(path));

    /// <summary>The depth of a level's nodes: 1 for 全国 … 5 for a township, 6 for a village.</summary>
    public static int DepthOf(JurisdictionLevel level) => level switch
    {
        JurisdictionLevel.National => 1,
        JurisdictionLevel.Province => 2,
        JurisdictionLevel.Prefecture => 3,
        JurisdictionLevel.County => 4,
        JurisdictionLevel.Township => 5,
        _ => 6,
    };

    public static JurisdictionLevel LevelAt(int depth) => depth switch
    {
        <= 1 => JurisdictionLevel.National,
        2 => JurisdictionLevel.Province,
        3 => JurisdictionLevel.Prefecture,
        4 => JurisdictionLevel.County,
        5 => JurisdictionLevel.Township,
        _ => JurisdictionLevel.Village,
    };
}
