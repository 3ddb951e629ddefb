using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HazardPortal.Core.Data;

/// <summary>
/// Opens a short-lived <see cref="AppDbContext"/> per operation (a Blazor circuit lives long; a
/// context must not). <see cref="Open"/> uses the current request's or circuit's scope;
/// <see cref="OpenSystem"/> is the one explicit, logged way to act for the whole tree.
/// </summary>
public sealed class PortalDb(DbContextOptions<AppDbContext> options, ScopeAccessor accessor, ILogger<PortalDb> logger)
{
    public AccessScope Scope => accessor.Current;

    public AppDbContext Open() => new(options, accessor.Current);

    public AppDbContext OpenAs(AccessScope scope) => new(options, scope);

    public AppDbContext OpenSystem(string job)
    {
        var scope = AccessScope.System(job);
        logger.LogInformation("System scope opened for {Job}", job);
        return new AppDbContext(options, scope);
    }
}
