namespace HazardPortal.Core.Tenancy;

/// <summary>
/// Holds the access scope of the current request, circuit or job (one per DI scope).
/// Set once by the web layer (middleware or circuit handler) or by a job runner; read by the DbContext.
/// </summary>
public sealed class ScopeAccessor
{
    public AccessScope Current { get; set; } = AccessScope.None;
}
