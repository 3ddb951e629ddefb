using System.Linq.Expressions;
using HazardPortal.Core.Audit;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Records;
using HazardPortal.Core.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core.Data;

/// <summary>
/// The one EF Core model. Every <see cref="IScoped"/> entity gets the named <see cref="TenantFilter"/>
/// query filter built from this context's <see cref="Scope"/>; the same rule is enforced again by
/// PostgreSQL row-level security (see <see cref="Rls"/>).
/// </summary>
public class AppDbContext : IdentityDbContext<AppUser, AppRole, Guid>
{
    public const string TenantFilter = "Tenant";

    public AppDbContext(DbContextOptions<AppDbContext> options, AccessScope scope)
        : base(options)
    {
        Scope = scope;
    }

    /// <summary>The scope this context was created under; fixed for its lifetime.</summary>
    public AccessScope Scope { get; }

    // Parameters of the tenant filter (EF Core parameterises members of the context).
    internal bool ScopeIsSet => Scope.IsSet;

    internal LTree ScopePath => new(Scope.Path ?? "none");

    internal Guid? ScopeEnterpriseId => Scope.EnterpriseId;

    internal bool ScopeSeesBusinessRows => Scope.SeesBusinessRows;

    internal int ScopeDepth => Scope.Path is null ? 0 : JurisdictionPath.Depth(Scope.Path);

    internal string ScopeCode => Scope.OwnCode ?? "none";

    /// <summary>SQL of the generated "awaiting rectification" flag (the ledger's queue).</summary>
    public const string AwaitingRectificationSql = "status IN ('Registered', 'Reported') AND rectified_on IS NULL";

    /// <summary>SQL of the generated deadline in force (Hazard.CurrentDeadline): the supervision's while it is on and earlier.</summary>
    public const string DueOnSql =
        "CASE WHEN supervision_level IS NOT NULL AND supervision_removed_on IS NULL AND (plan_deadline IS NULL OR supervision_deadline < plan_deadline) THEN supervision_deadline ELSE plan_deadline END";

    /// <summary>
    /// ASP.NET Core Data Protection's key ring, shared by every portal process (not tenant data: no scope).
    /// Mapped here so that its table is part of the migrations; read and written only through
    /// <see cref="DataProtectionKeyStore"/>.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Jurisdiction> Jurisdictions => Set<Jurisdiction>();

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<Enterprise> Enterprises => Set<Enterprise>();

    public DbSet<Place> Places => Set<Place>();

    public DbSet<Sector> Sectors => Set<Sector>();

    public DbSet<SectorLead> SectorLeads => Set<SectorLead>();

    public DbSet<Standard> Standards => Set<Standard>();

    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Hazard> Hazards => Set<Hazard>();

    public DbSet<HazardEvent> HazardEvents => Set<HazardEvent>();

    public DbSet<HazardRoute> HazardRoutes => Set<HazardRoute>();

    public DbSet<HazardPhoto> HazardPhotos => Set<HazardPhoto>();

    public DbSet<FormDraft> FormDrafts => Set<FormDraft>();

    public DbSet<SecurityPolicy> SecurityPolicies => Set<SecurityPolicy>();

    public DbSet<UsedRefreshToken> UsedRefreshTokens => Set<UsedRefreshToken>();

    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<Inspection> Inspections => Set<Inspection>();

    public DbSet<EnforcementAction> EnforcementActions => Set<EnforcementAction>();

    public DbSet<LeadershipActivity> LeadershipActivities => Set<LeadershipActivity>();

    public DbSet<JurisdictionFact> JurisdictionFacts => Set<JurisdictionFact>();

    public DbSet<Reward> Rewards => Set<Reward>();

    public DbSet<PublicReport> PublicReports => Set<PublicReport>();

    public DbSet<PublicReportPhoto> PublicReportPhotos => Set<PublicReportPhoto>();

    public DbSet<Drill> Drills => Set<Drill>();

    public DbSet<HazardNotice> HazardNotices => Set<HazardNotice>();

    public DbSet<InspectionListFiling> InspectionListFilings => Set<InspectionListFiling>();

    public DbSet<Risk> Risks => Set<Risk>();

    public DbSet<ProminentProblem> ProminentProblems => Set<ProminentProblem>();

    public DbSet<CommitmentReceipt> CommitmentReceipts => Set<CommitmentReceipt>();

    public DbSet<CampaignPhase> CampaignPhases => Set<CampaignPhase>();

    public DbSet<Deliverable> Deliverables => Set<Deliverable>();

    public DbSet<DeliverableUpload> DeliverableUploads => Set<DeliverableUpload>();

    public DbSet<CampaignTask> CampaignTasks => Set<CampaignTask>();

    public DbSet<TaskCompletion> TaskCompletions => Set<TaskCompletion>();

    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();

    public DbSet<Flags.FlagSetting> FlagSettings => Set<Flags.FlagSetting>();

    public DbSet<DispatchTemplate> DispatchTemplates => Set<DispatchTemplate>();

    public DbSet<DispatchIssue> DispatchIssues => Set<DispatchIssue>();

    public DbSet<DispatchForm> DispatchForms => Set<DispatchForm>();

    public DbSet<FormReminder> FormReminders => Set<FormReminder>();

    public DbSet<FormSubmission> FormSubmissions => Set<FormSubmission>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("ltree");

        builder.Entity<AppUser>(e =>
        {
            e.ToTable("users", t => t.HasCheckConstraint("ck_users_one_binding", "num_nonnulls(unit_id, enterprise_id) = 1"));
            e.Property(u => u.DisplayName).HasMaxLength(100);
            e.HasOne<Unit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Enterprise>().WithMany().HasForeignKey(u => u.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<AppRole>().ToTable("roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");

        builder.Entity<Jurisdiction>(e =>
        {
            e.HasKey(j => j.Code);
            e.Property(j => j.Code).HasMaxLength(12);
            e.Property(j => j.ParentCode).HasMaxLength(12);
            e.Property(j => j.Name).HasMaxLength(100);
            e.HasOne<Jurisdiction>().WithMany().HasForeignKey(j => j.ParentCode).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Unit>(e =>
        {
            e.Property(u => u.Name).HasMaxLength(100);
            e.Property(u => u.JurisdictionCode).HasMaxLength(12);
            e.HasOne<Jurisdiction>().WithMany().HasForeignKey(u => u.JurisdictionCode).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(u => new { u.JurisdictionCode, u.Name }).IsUnique();
        });

        builder.Entity<Enterprise>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Uscc).HasMaxLength(18).IsFixedLength(false);
            e.HasIndex(x => x.Uscc).IsUnique();
            e.Property(x => x.JurisdictionCode).HasMaxLength(12);
            e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Sector>().WithMany().HasForeignKey(x => x.SectorCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Place>().WithMany().HasForeignKey(x => x.ParkId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.EnterpriseId).HasComputedColumnSql("id", stored: true);
            e.HasIndex(x => x.Name);
        });

        builder.Entity<Place>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.JurisdictionCode).HasMaxLength(12);
            e.Property(x => x.CapacityKw).HasPrecision(14, 2);
            e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Sector>().WithMany().HasForeignKey(x => x.SectorCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Sector>(e =>
        {
            e.HasKey(s => s.Code);
            e.HasOne<Sector>().WithMany().HasForeignKey(s => s.ParentCode).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<SectorLead>(e =>
        {
            e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Sector>().WithMany().HasForeignKey(x => x.SectorCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.JurisdictionCode, x.SectorCode, x.DepartmentId }).IsUnique();
        });

        builder.Entity<Standard>().HasKey(s => s.Code);
        builder.Entity<CalendarDay>().HasKey(d => d.Date);
        builder.Entity<SecurityPolicy>().ToTable("security_policy");
        builder.Entity<UsedRefreshToken>(e =>
        {
            e.ToTable("used_refresh_tokens");
            e.HasKey(t => t.TokenId);
            e.HasIndex(t => t.UsedAt);
        });
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");

        builder.Entity<Hazard>(e =>
        {
            e.Property(h => h.Title).HasMaxLength(200);
            e.Property(h => h.JurisdictionCode).HasMaxLength(12);
            e.Property(h => h.ResponsibleDepartment).HasMaxLength(100);
            e.Property(h => h.AcceptingUnit).HasMaxLength(100);
            e.Property(h => h.AcceptingPerson).HasMaxLength(HazardTextLimits.Person);
            e.Property(h => h.Version).IsRowVersion();
            e.OwnsOne(h => h.Plan, p => p.Property(x => x.Funds).HasPrecision(14, 2));
            e.OwnsOne(h => h.Supervision, s =>
            {
                s.Property(x => x.DocumentNumber).HasMaxLength(Supervision.DocumentNumberMax);
                s.Property(x => x.Requirements).HasMaxLength(Supervision.RequirementsMax);
            });
            e.Navigation(h => h.Plan).IsRequired();
            e.HasMany(h => h.Events).WithOne().HasForeignKey(x => x.HazardId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(h => h.Routes).WithOne().HasForeignKey(x => x.HazardId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Enterprise>().WithMany().HasForeignKey(h => h.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Place>().WithMany().HasForeignKey(h => h.PlaceId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Sector>().WithMany().HasForeignKey(h => h.SectorCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Standard>().WithMany().HasForeignKey(h => h.BasisStandardCode).OnDelete(DeleteBehavior.Restrict);
            e.ToTable(t => t.HasCheckConstraint("ck_hazards_one_subject", "num_nonnulls(enterprise_id, place_id) = 1"));
            e.HasIndex(h => new { h.RegisteredByUserId, h.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
            e.HasIndex(h => new { h.FoundOn, h.Id });
            e.Property(h => h.AwaitingRectification).HasComputedColumnSql(AwaitingRectificationSql, stored: true);
            e.Property(h => h.DueOn).HasComputedColumnSql(DueOnSql, stored: true);
            e.HasIndex(h => new { h.DueOn, h.Id }).HasFilter("awaiting_rectification");
            e.HasIndex(h => new { h.ProvinceCode, h.DueOn, h.Id }).HasFilter("awaiting_rectification");
            e.HasIndex(h => new { h.PrefectureCode, h.DueOn, h.Id }).HasFilter("awaiting_rectification");
            e.HasIndex(h => new { h.CountyCode, h.DueOn, h.Id }).HasFilter("awaiting_rectification");
            e.HasIndex(h => new { h.TownshipCode, h.DueOn, h.Id }).HasFilter("awaiting_rectification");
            e.HasIndex(h => new { h.ProvinceCode, h.FoundOn, h.Id });
            e.HasIndex(h => new { h.PrefectureCode, h.FoundOn, h.Id });
            e.HasIndex(h => new { h.CountyCode, h.FoundOn, h.Id });
            e.HasIndex(h => new { h.TownshipCode, h.FoundOn, h.Id });
            e.HasIndex(h => new { h.EnterpriseId, h.Status });
            e.HasIndex(h => new { h.PlaceId, h.Status });
        });

        builder.Entity<HazardEvent>(e =>
        {
            e.HasIndex(x => new { x.HazardId, x.Sequence });
        });

        builder.Entity<HazardRoute>(e =>
        {
            e.HasIndex(x => new { x.UnitId, x.HazardId }).IsUnique();
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<HazardPhoto>(e =>
        {
            e.HasOne<Hazard>().WithMany().HasForeignKey(x => x.HazardId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.HazardId);
        });

        builder.Entity<FormDraft>(e =>
        {
            e.Property(x => x.Json).HasColumnType("jsonb");
            e.HasIndex(x => new { x.UserId, x.FormKey }).IsUnique();
        });

        ConfigureRecords(builder);
        ConfigureDispatch(builder);

        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_log");
            // Ids from a sequence before the insert (no INSERT … RETURNING): the application role may write the
            // log but, unless it reads for the Auditor, not read it back (RLS, migration AuditLogAndIssuerPolicies).
            e.Property(a => a.Id).UseHiLo("audit_log_hilo");
            e.Property(a => a.Before).HasColumnType("jsonb");
            e.Property(a => a.After).HasColumnType("jsonb");
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.Actor, a.At });
            e.Property(a => a.ActionName).HasMaxLength(100);
            e.Property(a => a.SubjectName).HasMaxLength(300);
        });

        foreach (var entity in builder.Model.GetEntityTypes().Where(t => typeof(IScoped).IsAssignableFrom(t.ClrType)))
        {
            builder.Entity(entity.ClrType).HasIndex(nameof(IScoped.Path)).HasMethod("gist");
            builder.Entity(entity.ClrType).HasQueryFilter(TenantFilter, BuildTenantFilter(entity.ClrType));
            if (typeof(IScopeColumns).IsAssignableFrom(entity.ClrType))
            {
                builder.Entity(entity.ClrType).Property(nameof(IScopeColumns.ProvinceCode)).HasComputedColumnSql(ScopeColumns.Sql(2), stored: true);
                builder.Entity(entity.ClrType).Property(nameof(IScopeColumns.PrefectureCode)).HasComputedColumnSql(ScopeColumns.Sql(3), stored: true);
                builder.Entity(entity.ClrType).Property(nameof(IScopeColumns.CountyCode)).HasComputedColumnSql(ScopeColumns.Sql(4), stored: true);
                builder.Entity(entity.ClrType).Property(nameof(IScopeColumns.TownshipCode)).HasComputedColumnSql(ScopeColumns.Sql(5), stored: true);
            }
        }

        SnakeCase.Apply(builder);

        // The concurrency token is PostgreSQL's xmin system column, never a column of our own.
        builder.Entity<Hazard>().Property(h => h.Version).HasColumnName("xmin").HasColumnType("xid");
        builder.Entity<Risk>().Property(h => h.Version).HasColumnName("xmin").HasColumnType("xid");
        builder.Entity<ProminentProblem>().Property(h => h.Version).HasColumnName("xmin").HasColumnType("xid");
        builder.Entity<TaskCompletion>().Property(h => h.Version).HasColumnName("xmin").HasColumnType("xid");
        builder.Entity<Inspection>().Property(h => h.Version).HasColumnName("xmin").HasColumnType("xid");
        builder.Entity<DispatchForm>().Property(f => f.Version).HasColumnName("xmin").HasColumnType("xid");
    }

    /// <summary>The dispatch cycle of SPEC §6: templates as data, issuances, forms and their submissions.</summary>
    private static void ConfigureDispatch(ModelBuilder builder)
    {
        builder.Entity<DispatchTemplate>(e =>
        {
            e.HasKey(t => t.Code);
            e.Property(t => t.Code).HasMaxLength(40);
            e.Property(t => t.Sections).HasJson();
            e.Property(t => t.FooterLines).HasJson();
            e.Property(t => t.Notes).HasJson();
            e.Property(t => t.IssuedAt).HasJson();
            e.HasOne<Campaign>().WithMany().HasForeignKey(t => t.CampaignCode).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<DispatchIssue>(e =>
        {
            e.HasOne<DispatchTemplate>().WithMany().HasForeignKey(i => i.TemplateCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(i => i.IssuerUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Jurisdiction>().WithMany().HasForeignKey(i => i.IssuerJurisdictionCode).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(i => new { i.TemplateCode, i.IssuerJurisdictionCode }).IsUnique();
        });

        builder.Entity<FormReminder>(e =>
        {
            e.Property(x => x.TemplateCode).HasMaxLength(40);
            e.Property(x => x.Period).HasMaxLength(7);
            e.Property(x => x.UnitKey).HasMaxLength(60);
            e.Property(x => x.UnitName).HasMaxLength(100);
            e.Property(x => x.RemindedBy).HasMaxLength(100);
            e.HasIndex(x => new { x.TemplateCode, x.Period, x.CutoffDay, x.UnitKey, x.RemindedOn }).IsUnique();
            e.HasOne<DispatchTemplate>().WithMany().HasForeignKey(x => x.TemplateCode).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<DispatchForm>(e =>
        {
            e.Property(f => f.UnitKey).HasMaxLength(60);
            e.Property(f => f.Period).HasMaxLength(7);
            e.Property(f => f.JurisdictionCode).HasMaxLength(12);
            e.Property(f => f.Entries).HasJson();
            e.Property(f => f.Version).IsRowVersion();
            e.Property(f => f.EnterpriseId).HasComputedColumnSql("NULL::uuid", stored: true);
            e.HasOne<DispatchTemplate>().WithMany().HasForeignKey(f => f.TemplateCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Jurisdiction>().WithMany().HasForeignKey(f => f.JurisdictionCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(f => f.DepartmentId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(f => new { f.TemplateCode, f.UnitKey, f.Period, f.CutoffDay }).IsUnique();
            e.HasIndex(f => new { f.TemplateCode, f.Period, f.CutoffDay, f.CountyCode });
            e.HasIndex(f => new { f.TemplateCode, f.Period, f.CutoffDay, f.TownshipCode });
        });

        builder.Entity<FormSubmission>(e =>
        {
            e.Property(s => s.Cells).HasJson();
            e.Property(s => s.WarningReasons).HasJson();
            e.Property(s => s.EnterpriseId).HasComputedColumnSql("NULL::uuid", stored: true);
            e.HasOne<DispatchForm>().WithMany().HasForeignKey(s => s.FormId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(s => new { s.FormId, s.Revision }).IsUnique();
        });
    }

    /// <summary>The field records of SPEC §5 (one table each; see <see cref="FieldRecord"/>).</summary>
    private static void ConfigureRecords(ModelBuilder builder)
    {
        builder.Entity<Campaign>(e =>
        {
            e.HasKey(c => c.Code);
            e.Property(c => c.Code).HasMaxLength(20);
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.PlanTitle).HasMaxLength(200);
        });

        builder.Entity<CampaignPhase>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Timing).HasMaxLength(60);
            e.Property(x => x.Work).HasMaxLength(2000);
            e.Property(x => x.Source).HasMaxLength(100);
            e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.IssuerJurisdictionCode).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.CampaignCode, x.IssuerJurisdictionCode, x.StartsOn });
        });

        builder.Entity<Deliverable>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.IssuerUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.CampaignCode, x.IssuerJurisdictionCode });
        });

        builder.Entity<DeliverableUpload>(e =>
        {
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.UnitKey).HasMaxLength(60);
            e.Property(x => x.EnterpriseId).HasComputedColumnSql("NULL::uuid", stored: true);
            e.HasOne<Deliverable>().WithMany().HasForeignKey(x => x.DeliverableId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.DeliverableId, x.UnitKey });
        });

        builder.Entity<CampaignTask>(e =>
        {
            e.Property(x => x.Phase).HasMaxLength(100);
            e.Property(x => x.Level).HasMaxLength(60);
            e.Property(x => x.Text).HasMaxLength(2000);
            e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.IssuerUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.CampaignCode, x.IssuerJurisdictionCode, x.Position });
        });

        builder.Entity<TaskCompletion>(e =>
        {
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.UnitKey).HasMaxLength(60);
            e.Property(x => x.UnitName).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.EnterpriseId).HasComputedColumnSql("NULL::uuid", stored: true);
            e.Property(x => x.Version).IsRowVersion();
            e.HasOne<CampaignTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.TaskId, x.UnitKey }).IsUnique();
        });

        builder.Entity<Notifications.Notification>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Link).HasMaxLength(200);
            e.Property(x => x.DedupeKey).HasMaxLength(200);
            e.HasIndex(x => new { x.UserId, x.DedupeKey }).IsUnique();
            e.HasIndex(x => new { x.UserId, x.CreatedAt });
        });

        builder.Entity<Flags.FlagSetting>(e =>
        {
            e.Property(x => x.JurisdictionCode).HasMaxLength(12);
            e.Property(x => x.SetBy).HasMaxLength(100);
            e.Property(x => x.JurisdictionName).HasMaxLength(100);
            e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionCode).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.JurisdictionCode, x.Rule }).IsUnique();
        });

        builder.Entity<Inspection>(e =>
        {
            e.OwnsMany(i => i.Inspectors, b => b.ToJson("inspectors"));
            e.Property(i => i.Version).IsRowVersion();
            e.Property(i => i.TargetJurisdictionCode).HasMaxLength(12);
            e.HasOne<Jurisdiction>().WithMany().HasForeignKey(i => i.TargetJurisdictionCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Inspection>().WithMany().HasForeignKey(i => i.AmendsId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(i => new { i.ProvinceCode, i.On });
            e.HasIndex(i => new { i.PrefectureCode, i.On });
        });

        builder.Entity<EnforcementAction>(e =>
        {
            e.Property(x => x.AmountWan).HasPrecision(14, 4);
            e.Property(x => x.DocumentNumber).HasMaxLength(100);
            e.Property(x => x.TargetJurisdictionCode).HasMaxLength(12);
            e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.TargetJurisdictionCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Hazard>().WithMany().HasForeignKey(x => x.HazardId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Inspection>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.ProvinceCode, x.On });
            e.HasIndex(x => new { x.PrefectureCode, x.On });
            e.HasIndex(x => x.DocumentNumber);
        });

        builder.Entity<JurisdictionFact>(e => e.HasIndex(x => new { x.JurisdictionCode, x.On }).IsUnique());

        builder.Entity<Reward>(e =>
        {
            e.Property(x => x.AmountWan).HasPrecision(14, 4);
            e.HasOne<PublicReport>().WithMany().HasForeignKey(x => x.PublicReportId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PublicReport>(e =>
        {
            e.Property(x => x.IntakeToken).HasMaxLength(64);
            e.HasIndex(x => x.IntakeToken).IsUnique();
            e.Property(x => x.CheckTownshipCode).HasMaxLength(12);
            e.Property(x => x.CheckTownshipName).HasMaxLength(100);
            e.Property(x => x.CheckAssignedBy).HasMaxLength(100);
            e.Property(x => x.CheckRepliedBy).HasMaxLength(100);
            e.Property(x => x.CheckFindings).HasMaxLength(PublicReport.FindingsMax);
            e.Property(x => x.QueryCode).HasMaxLength(PublicReport.QueryCodeLength);
            e.HasIndex(x => x.QueryCode).IsUnique();
            e.Property(x => x.SubjectName).HasMaxLength(200);
            e.Property(x => x.Location).HasMaxLength(500);
            e.Property(x => x.ReporterName).HasMaxLength(50);
            e.Property(x => x.ReporterPhone).HasMaxLength(30);
            e.HasOne<Hazard>().WithMany().HasForeignKey(x => x.HazardId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.CountyCode, x.Status });
        });

        builder.Entity<PublicReportPhoto>(e =>
        {
            e.HasOne<PublicReport>().WithMany().HasForeignKey(x => x.PublicReportId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.PublicReportId);
        });

        builder.Entity<Risk>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasOne<Sector>().WithMany().HasForeignKey(x => x.SectorCode).OnDelete(DeleteBehavior.Restrict);
            e.Ignore(x => x.Controlled);
            e.Property(x => x.Version).IsRowVersion();
        });

        builder.Entity<ProminentProblem>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(200);
            e.HasOne<Sector>().WithMany().HasForeignKey(x => x.SectorCode).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Version).IsRowVersion();
        });

        builder.Entity<CommitmentReceipt>(e =>
        {
            e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.EnterpriseId, x.CampaignCode }).IsUnique();
            e.Ignore(x => x.IsSigned);
            e.Ignore(x => x.Late);
        });

        builder.Entity<Drill>(e => e.Property(x => x.Scenario).HasMaxLength(200));
        builder.Entity<HazardNotice>(e => e.OwnsMany(x => x.Lines, l => l.ToJson()));
        builder.Entity<InspectionListFiling>(e =>
        {
            e.Property(x => x.UnitKey).HasMaxLength(12);
            e.Property(x => x.UnitName).HasMaxLength(100);
            e.Property(x => x.Period).HasMaxLength(7);
            e.Property(x => x.SubmittedBy).HasMaxLength(100);
            e.HasIndex(x => new { x.UnitKey, x.Period }).IsUnique();
        });

        foreach (var type in new[] { typeof(Inspection), typeof(EnforcementAction), typeof(LeadershipActivity), typeof(JurisdictionFact), typeof(Reward), typeof(PublicReport), typeof(Drill), typeof(Risk), typeof(CommitmentReceipt), typeof(ProminentProblem), typeof(HazardNotice) })
        {
            var e = builder.Entity(type);
            e.Property(nameof(FieldRecord.JurisdictionCode)).HasMaxLength(12);
            e.Property(nameof(FieldRecord.RecordedByUnitName)).HasMaxLength(100);
            e.Property(nameof(FieldRecord.RecordedBy)).HasMaxLength(100);
            e.HasOne(typeof(Jurisdiction)).WithMany().HasForeignKey(nameof(FieldRecord.JurisdictionCode)).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(typeof(Enterprise)).WithMany().HasForeignKey(nameof(FieldRecord.EnterpriseId)).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(typeof(Place)).WithMany().HasForeignKey(nameof(FieldRecord.PlaceId)).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(nameof(FieldRecord.CountyCode), nameof(FieldRecord.On));
            e.HasIndex(nameof(FieldRecord.TownshipCode), nameof(FieldRecord.On));
            e.HasIndex(nameof(FieldRecord.EnterpriseId), nameof(FieldRecord.On));
        }
    }

    /// <summary>
    /// The tenant rule as a LINQ predicate over the context's scope members:
    /// ScopeIsSet and row.Path &lt;@ ScopePath (for <see cref="IScopeColumns"/> tables: the equality on
    /// the scope depth's column) [and business rows visible] [and the row's enterprise].
    /// </summary>
    private LambdaExpression BuildTenantFilter(Type clrType)
    {
        var row = Expression.Parameter(clrType, "row");
        var context = Expression.Constant(this);
        Expression inSubtree = Expression.Call(
            Expression.Property(row, nameof(IScoped.Path)),
            typeof(LTree).GetMethod(nameof(LTree.IsDescendantOf), [typeof(LTree)])!,
            Expression.Property(context, nameof(ScopePath)));
        if (typeof(IScopeColumns).IsAssignableFrom(clrType))
        {
            // Depth 1 (全国) sees every path; depths 2–5 compare the column of that depth; deeper
            // scopes keep <@. PostgreSQL folds the depth tests (bound parameters) to one equality.
            var depth = Expression.Property(context, nameof(ScopeDepth));
            var code = Expression.Property(context, nameof(ScopeCode));
            Expression AtDepth(int d, string column) => Expression.AndAlso(
                Expression.Equal(depth, Expression.Constant(d)),
                Expression.Equal(Expression.Property(row, column), code));
            inSubtree = Expression.OrElse(
                Expression.Equal(depth, Expression.Constant(1)),
                Expression.OrElse(AtDepth(2, nameof(IScopeColumns.ProvinceCode)),
                Expression.OrElse(AtDepth(3, nameof(IScopeColumns.PrefectureCode)),
                Expression.OrElse(AtDepth(4, nameof(IScopeColumns.CountyCode)),
                Expression.OrElse(AtDepth(5, nameof(IScopeColumns.TownshipCode)),
                    Expression.AndAlso(Expression.GreaterThan(depth, Expression.Constant(ScopeColumns.MaxDepth)), inSubtree))))));
        }

        Expression body = Expression.AndAlso(Expression.Property(context, nameof(ScopeIsSet)), inSubtree);

        if (typeof(IBusinessRow).IsAssignableFrom(clrType))
        {
            body = Expression.AndAlso(body, Expression.Property(context, nameof(ScopeSeesBusinessRows)));
        }

        if (typeof(IEnterpriseOwned).IsAssignableFrom(clrType))
        {
            var scopeEnterprise = Expression.Property(context, nameof(ScopeEnterpriseId));
            body = Expression.AndAlso(body, Expression.OrElse(
                Expression.Equal(scopeEnterprise, Expression.Constant(null, typeof(Guid?))),
                Expression.Equal(Expression.Property(row, nameof(IEnterpriseOwned.EnterpriseId)), scopeEnterprise)));
        }

        return Expression.Lambda(body, row);
    }
}
