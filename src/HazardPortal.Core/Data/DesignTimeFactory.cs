using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore.Design;

namespace HazardPortal.Core.Data;

/// <summary>For `dotnet ef migrations add` only; no database is contacted.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        DatabaseSetup.Open("Host=localhost;Database=design;Username=design", AccessScope.System("design-time"));
}
