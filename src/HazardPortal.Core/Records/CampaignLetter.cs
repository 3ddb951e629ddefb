namespace HazardPortal.Core.Records;

/// <summary>
/// 000 附件2 and 附件3 word for word: the letter to enterprise heads (致全市企业主要负责人安全生产的一封信) with its 五项工作要求,
/// and the fixed lines of the commitment receipt (安全生产承诺回执书) around its text (<see cref="CommitmentReceipt.Text"/>).
/// The enterprise's head reads the letter beside the receipt they sign; the receipt prints on A4 for the stamp.
/// </summary>
public static class CampaignLetter
{
    public const string Title = "致全市企业主要负责人安全生产的一封信";

    public const string Salutation = "尊敬的企业主：";

    /// <summary>The letter's two paragraphs before the requirements.</summary>
    public static readonly IReadOnlyList<string> Paragraphs =
    [
        "感谢您多年来对我市安全生产工作的理解和支持，向您对全市推动经济运行整体好转所做出的贡献表示崇高的敬意！目前，国务院安委会发出《全国重大事故隐患专项排查整治2023行动总体方案》，要求企业主要负责人落实“五项工作要求”。",
        "请认真学习领会“五项工作要求”，并结合国务院安委会安全生产十五条硬措施（见附件），将“五项工作要求”于5月10日前传达至本单位全体员工。衷心祝愿各企业事业兴旺、蓬勃发展，祝你们的员工身体健康、平安顺遂！",
    ];

    public const string RequirementsHeading = "五项工作要求：";

    /// <summary>The 五项工作要求, each with its number as the seed writes it.</summary>
    public static readonly IReadOnlyList<string> Requirements =
    [
        "1.研究组织本企业重大事故隐患排查整治。企业主要负责人要学习研究本行业领域重大事故隐患判定标准或重点检查事项，组织研究部署开展对标对表自查自改；组织建立企业重大事故隐患台账清单，实行闭环管理。能立即整改的，要迅速整改；需要一定时间整改的，要明确责任人、措施、资金、期限和应急预案，并按分级属地原则向负有安全监管职责的有关部门报告；及时吸取专项行动期间国内外发生的典型事故教训，迅速组织排查整治本企业同类事故隐患；专项行动期间，主要负责人每季度要带队对本单位重大事故隐患排查整治情况至少开展1次检查（高危行业领域企业每月至少1次）。",
        "2.落实全员安全生产岗位责任发挥管理团队和专家作用。企业主要负责人要建立健全全员安全生产岗位责任制，明确从主要负责人到一线从业人员（包括劳务派遣人员、实习生等）的安全生产岗位责任。要突出管理团队安全责任落实，组织制定企业各分管负责人安全生产职责清单和本次专项行动工作清单；按规定设置安全生产管理机构或者配备专兼职安全生产管理人员；根据需要聘请行业领域安全生产专家强化技术指导，精准查找重大事故隐患、科学治理重大事故隐患，提高隐患排查和整改的质量。",
        "3.组织对动火等危险作业开展排查整治。企业主要负责人要深刻吸取近期违规动火引发的重特大事故教训，组织开展1次全员安全警示教育活动；严格履行电气焊等动火作业审批手续，督促作业人员严格遵守消防安全操作规程，明确现场监护人员，严格落实消防安全措施检查和作业过程监督；组织对电气焊设备进行全面安全检查，严禁带病作业，不得使用淘汰或危及安全的电气焊设备。举一反三组织对动火等危险作业人员以及易产生重大事故隐患的其他关键岗位人员落实岗位责任情况进行1次全面排查，严禁聘用和招请未经安全培训合格、未取得相关证书的人员在特种作业岗位上岗作业，明确“谁招请无证人员，谁负责任”的管理制度。",
        "4.组织对外包外租等生产经营活动开展排查整治。企业主要负责人要针对本企业生产经营项目和场所外包外租（包括委托、合作等类似方式）情况组织开展1次全面排查，重点检查是否存在承包承租方不具备安全生产条件或者相应资质以及双方未签订安全生产协议、安全生产管理职责不清等问题，不符合法律法规规定的要坚决依法处理；将外包外租等生产经营活动纳入本企业安全生产管理体系，加强统一协调、管理，定期进行安全检查，发现安全问题的及时督促整改。",
        "5.组织开展事故应急救援演练活动。企业主要负责人要根据本行业领域事故特点，至少组织开展1次事故应急救援预案演练（高危行业领域企业每半年至少1次），特别要让全体从业人员主动落实安全生产岗位责任，熟知安全逃生出口（或避灾路线），切实提高从业人员应急避险意识。",
    ];

    public const string ReceiptTitle = "生产经营单位安全生产承诺回执书";

    public const string ReceiptNameLine = "生产经营单位名称（盖章）：";

    public const string ReceiptHeadLine = "企业主要负责人（实际控制人）（签字）：";

    /// <summary>The receipt's 备注, with the campaign's due day in the seed's place (5月10日 in 2023).</summary>
    public static string ReceiptNote(DateOnly dueOn) => $"备注：本承诺书一式2份，一份于{dueOn.Month}月{dueOn.Day}日前报送至行业部门，一份张贴于本单位公开栏。";
}
