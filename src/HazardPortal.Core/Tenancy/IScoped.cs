using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core.Tenancy;

/// <summary>
/// A row that belongs to a node of the jurisdiction tree. The tenant rule (SPEC §2):
/// a user sees the row only if <see cref="Path"/> lies in the scope's subtree.
/// Every implementing entity gets the named "Tenant" query filter and an RLS policy.
/// </summary>
public interface IScoped
{
    LTree Path { get; }
}

/// <summary>
/// A scoped row that may belong to one enterprise (enterprises themselves, their hazards and records).
/// An enterprise user sees only rows whose <see cref="EnterpriseId"/> is their enterprise;
/// a row with no enterprise is never visible to an enterprise user.
/// </summary>
public interface IEnterpriseOwned : IScoped
{
    Guid? EnterpriseId { get; }
}

/// <summary>
/// A business row (hazards, forms, records). The technical accounts (三员) never see these,
/// whatever their path.
/// </summary>
public interface IBusinessRow : IScoped
{
}

/// <summary>
/// A scoped table large enough to need the tenant rule as plain equalities the planner can index and
/// estimate: the path's labels at depths 2–5 (省、市、县、乡镇 in the tree) as stored generated columns.
/// Under row security PostgreSQL only lets leakproof operators in a query drive an index, and ltree's
/// &lt;@ is not leakproof while text equality is; an equality on one of these columns plus an index
/// (column, sort key) gives an ordered index scan at every scope. The tenant filter uses the column of
/// the scope's depth (a deeper scope falls back to &lt;@), and the table's RLS policy is written so its
/// guessed selectivity does not mislead the planner (see <see cref="Data.Rls.Enable"/>).
/// </summary>
public interface IScopeColumns : IScoped
{
    string? ProvinceCode { get; }

    string? PrefectureCode { get; }

    string? CountyCode { get; }

    string? TownshipCode { get; }
}

/// <summary>The generated columns and the query helper behind <see cref="IScopeColumns"/>.</summary>
public static class ScopeColumns
{
    /// <summary>The deepest level with a column; a deeper scope (a village) uses the ltree rule.</summary>
    public const int MaxDepth = 5;

    /// <summary>The SQL of the stored generated column holding the path's label at a depth (2–5).</summary>
    public static string Sql(int depth) =>
        $"CASE WHEN nlevel(path) >= {depth} THEN ltree2text(subpath(path, {depth - 1}, 1)) END";

    /// <summary>Rows in the subtree of <paramref name="path"/>, written so an index on the depth's column serves it.</summary>
    public static IQueryable<T> Within<T>(IQueryable<T> query, string path)
        where T : class, IScopeColumns
    {
        var labels = JurisdictionPath.Labels(path);
        var code = labels[^1];
        return labels.Length switch
        {
            1 => query,
            2 => query.Where(x => x.ProvinceCode == code),
            3 => query.Where(x => x.PrefectureCode == code),
            4 => query.Where(x => x.CountyCode == code),
            5 => query.Where(x => x.TownshipCode == code),
            _ => query.Where(x => x.Path.IsDescendantOf(new LTree(path))),
        };
    }
}
