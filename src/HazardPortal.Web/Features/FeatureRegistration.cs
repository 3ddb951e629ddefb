using HazardPortal.Web.Features.Account;
using HazardPortal.Web.Features.Admin;
using HazardPortal.Web.Features.Audit;
using HazardPortal.Web.Features.Campaigns;
using HazardPortal.Web.Features.Dispatch;
using HazardPortal.Web.Features.Enterprises;
using HazardPortal.Web.Features.Ledger;
using HazardPortal.Web.Features.Notifications;
using HazardPortal.Web.Features.Records;
using HazardPortal.Web.Features.Security;
using HazardPortal.Web.Features.Shared;
using HazardPortal.Web.Features.Tree;

namespace HazardPortal.Web.Features;

public static class FeatureRegistration
{
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services)
    {
        services.AddSingleton<Account.MfaTicket>();
        services.AddScoped<JurisdictionQueries>();
        services.AddScoped<JurisdictionVillages>();
        services.AddScoped<EnterpriseQueries>();
        services.AddScoped<UserAccounts>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<AdminQueries>();
        services.AddScoped<SaveEnterprise.Handler>();
        services.AddScoped<SaveUnit.Handler>();
        services.AddScoped<SavePlace.Handler>();
        services.AddScoped<CreateUser.Handler>();
        services.AddScoped<SetUserDisabled.Handler>();
        services.AddScoped<RebindUser.Handler>();
        services.AddScoped<AssignRoles.Handler>();
        services.AddScoped<UnlockUser.Handler>();
        services.AddScoped<UpdatePolicy.Handler>();
        services.AddScoped<RegisterHazard.Handler>();
        services.AddScoped<IHazardRegistrar>(sp => sp.GetRequiredService<RegisterHazard.Handler>());
        services.AddScoped<EditHazard.Handler>();
        services.AddScoped<HazardTransitions>();
        services.AddScoped<HazardQueries>();
        services.AddScoped<HazardPhotos>();
        services.AddScoped<LedgerExport>();
        services.AddScoped<ImportLedger>();
        services.AddScoped<InspectionSheet>();
        services.AddScoped<Shared.InspectionListStatus>();
        services.AddScoped<Shared.FormDrafts>();
        services.AddScoped<Inspections>();
        services.AddScoped<Enforcement>();
        services.AddScoped<Leadership>();
        services.AddScoped<EnterpriseDuties>();
        services.AddScoped<HazardNotices>();
        services.AddScoped<Home.EnterpriseToDo>();
        services.AddScoped<IEnterpriseToDoSource, RecordsToDo>();
        services.AddScoped<Ledger.SupervisionList>();
        services.AddSingleton<Records.PublicReportReceipts>();
        services.AddScoped<Risks>();
        services.AddScoped<Problems>();
        services.AddScoped<CampaignTasks>();
        services.AddScoped<NotificationCenter>();
        services.AddScoped<Office.OfficeMonth>();
        services.AddScoped<IOfficeMonthSource, DispatchMonth>();
        services.AddScoped<IOfficeMonthSource, Office.HazardMonth>();
        services.AddScoped<IOfficeMonthSource, CampaignMonth>();
        services.AddScoped<IOfficeMonthSource, Flags.FlagMonth>();
        services.AddSingleton(sp => EscalationSettings.Read(sp.GetRequiredService<IConfiguration>()));
        services.AddScoped<Dashboards.Dashboards>();
        services.AddScoped<Flags.FlagFinder>();
        services.AddScoped<Flags.FlagSettings>();
        services.AddScoped<EscalationJob>();
        services.AddHostedService<EscalationRunner>();
        services.AddHostedService<Audit.AuditSealer>();
        services.AddScoped<Commitments>();
        services.AddScoped<PublicReports>();
        services.AddScoped<RecordLookups>();
        services.AddScoped<DispatchService>();
        services.AddSingleton<DispatchReference>();
        services.AddScoped<DispatchIssues>();
        services.AddScoped<CampaignPlans>();
        services.AddScoped<FormExport>();
        services.AddSingleton<PublicIntakeLimiter>();
        return services;
    }

    public static void MapPortalEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapAccount();
        app.MapJurisdictions();
        app.MapEnterprises();
        Admin.AdminEndpoints.MapAdminApi(app);
        Security.SecurityEndpoints.MapSecurityApi(app);
        Audit.AuditEndpoints.MapAuditApi(app);
        app.MapLedger();
        app.MapRecords();
        app.MapDispatch();
        app.MapCampaigns();
        app.MapNotifications();
        Dashboards.DashboardEndpoints.MapDashboards(app);
        Flags.FlagEndpoints.MapFlags(app);
    }
}
