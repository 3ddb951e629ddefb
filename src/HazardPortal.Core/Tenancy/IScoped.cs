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
