using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core.Data;

/// <summary>
/// The Data Protection key ring in PostgreSQL (table data_protection_keys, created by the
/// DataProtectionKeys migration of <see cref="AppDbContext"/>), so that every portal process accepts
/// the others' cookies and antiforgery tokens. A context of its own: the keys are no tenant's data, and
/// the application context refuses writes without an access scope.
/// </summary>
public sealed class DataProtectionKeyStore(DbContextOptions<DataProtectionKeyStore> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DataProtectionKey>(e =>
        {
            e.ToTable("data_protection_keys");
            e.Property(k => k.Id).HasColumnName("id");
            e.Property(k => k.FriendlyName).HasColumnName("friendly_name");
            e.Property(k => k.Xml).HasColumnName("xml");
        });
    }
}
