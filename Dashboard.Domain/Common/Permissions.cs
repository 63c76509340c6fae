namespace Dashboard.Domain.Common;

/// <summary>Something a signed-in user may be allowed to do. Every REST endpoint and client → server event names one.</summary>
public enum Operation
{
    ReadCustomers,
    ManageCustomers,
    ReadCustomerAccount,
    ExportLedger,
    ReadDeliveries,
    RecordDeliveries,
    PriceDeliveries,
    PrepareDaySheet,
    RecordPayments,
    RecordAnyPayment,
    ReadPayments,
    ReadStats,
    ReadAnalytics,
    ReadActivity,
    ManageUsers,
    ReadRealtimeStatus,
    ReadProducts,
    ManageProducts,
    PlaceOrders,
    ReadOrders,
    ManageOrders,
    DeliverOrders,
    CancelOrders,
    ReadAgents,
    SetAgentStatus,
    ShareLocation,
    ReadBusiness,
    SetBusinessStatus,
    ManageBusiness,
    ReadOffers,
    ManageOffers,
    ReadStock,
    RecordStock,
    ReadNotifications,
    MarkNotificationsRead,
    ReadSupport,
    WriteSupport,
    ReadLiveUsers,
    ReadSubscriptions,
    ManageSubscriptions,
    PauseSubscriptions,
    ReadBills,
    IssueBills,
    ManageRoutes,
    DisconnectRealtimeClients,
}

/// <summary>How much of an operation a role may do.</summary>
public enum Access
{
    /// <summary>Refused: 403 <c>FORBIDDEN</c>.</summary>
    None,

    /// <summary>Only for the customer the user is linked to (their own record, balance, ledger, payments).</summary>
    Own,

    /// <summary>Only for the customers on the delivery agent's routes.</summary>
    Route,

    /// <summary>Only the orders assigned to the delivery agent.</summary>
    Assigned,

    /// <summary>Only for the user themselves.</summary>
    Self,

    /// <summary>For anyone's data.</summary>
    All,
}

/// <summary>One row of the rules table: an operation, what it covers, and each role's access.</summary>
public sealed record AccessRule(Operation Operation, string Covers, Access Admin, Access Staff, Access Delivery, Access Customer)
{
    public Access For(string role) => role switch
    {
        Roles.Admin => Admin,
        Roles.Staff => Staff,
        Roles.Delivery => Delivery,
        Roles.Customer => Customer,
        _ => Access.None,
    };
}

/// <summary>
/// Who may do what: the one rules table. The REST endpoints turn it into authorization policies (checked before a
/// request body is read), the real-time commands check it before handling an event, the domain services check it
/// again with the data (a customer's own id, an agent's cash), and the authorization tests are generated from it.
/// </summary>
public static class Permissions
{
    private const Access N = Access.None, O = Access.Own, R = Access.Route, G = Access.Assigned, S = Access.Self, A = Access.All;

    public static IReadOnlyList<AccessRule> Table { get; } =
    [
        new(Operation.ReadCustomers, "the customer list and search", A, A, N, N),
        new(Operation.ManageCustomers, "create and change customers", A, A, N, N),
        new(Operation.ReadCustomerAccount, "a customer's record, balance and ledger", A, A, N, O),
        new(Operation.ExportLedger, "a customer's ledger as CSV", A, A, N, N),
        new(Operation.ReadDeliveries, "a day's deliveries, one entry, the routes", A, A, R, N),
        new(Operation.RecordDeliveries, "record a delivery, change its quantity or status, mark a route delivered", A, A, R, N),
        new(Operation.PriceDeliveries, "set a delivery's price", A, A, N, N),
        new(Operation.PrepareDaySheet, "prepare a day sheet", A, A, N, N),
        new(Operation.RecordPayments, "record a payment (an agent: cash, today; also for an order given to them)", A, A, R, N),
        new(Operation.RecordAnyPayment, "record a payment by any method on any day of the window", A, A, N, N),
        new(Operation.ReadPayments, "payments, listed and searched", A, A, N, O),
        new(Operation.ReadStats, "the day's figures", A, A, N, N),
        new(Operation.ReadAnalytics, "analytics and their CSVs", A, A, N, N),
        new(Operation.ReadActivity, "the activity log", A, A, N, N),
        new(Operation.ManageUsers, "users: list, create, change, disable, reset passwords", A, N, N, N),
        new(Operation.ReadRealtimeStatus, "real-time status and metrics", A, N, N, N),
        new(Operation.ReadProducts, "the product catalog (what can be ordered)", A, A, A, A),
        new(Operation.ManageProducts, "create and change products, list inactive ones", A, A, N, N),
        new(Operation.PlaceOrders, "place an order (a customer: for themselves)", A, A, N, O),
        new(Operation.ReadOrders, "orders and their timelines", A, A, G, O),
        new(Operation.ManageOrders, "confirm an order, assign it to an agent", A, A, N, N),
        new(Operation.DeliverOrders, "take an order out for delivery, deliver it", A, A, G, N),
        new(Operation.CancelOrders, "cancel an order with a reason (a customer: their own, before it is on its way)", A, A, N, O),
        new(Operation.ReadAgents, "the delivery agents and their routes", A, A, N, N),
        new(Operation.SetAgentStatus, "an agent's status: available, on delivery, off duty", A, A, S, N),
        new(Operation.ShareLocation, "send positions while out with an order", N, N, G, N),
        new(Operation.ReadBusiness, "the business's profile and whether it is open", A, A, A, A),
        new(Operation.SetBusinessStatus, "open or close the business, with a message", A, A, N, N),
        new(Operation.ManageBusiness, "the business's name, phone, address and hours (Settings)", A, N, N, N),
        new(Operation.ReadOffers, "offers (a customer: those usable today)", A, A, N, A),
        new(Operation.ManageOffers, "create, change, switch on and off offers", A, A, N, N),
        new(Operation.ReadStock, "stock levels, their severity and history", A, A, N, N),
        new(Operation.RecordStock, "record stock received and adjustments", A, A, N, N),
        new(Operation.ReadNotifications, "their own notifications, newest first, and how many are unread", S, S, S, S),
        new(Operation.MarkNotificationsRead, "mark their own notifications read, one or all", S, S, S, S),
        new(Operation.ReadSupport, "support conversations and their messages (a customer: their own)", A, A, N, O),
        new(Operation.WriteSupport, "write in a support conversation, mark it read, say you are typing (a customer: their own)", A, A, N, O),
        new(Operation.ReadSubscriptions, "a customer's subscription: its days, quantity, price, changes and pauses (a customer: their own)", A, A, N, O),
        new(Operation.ManageSubscriptions, "set a subscription's days and shift, change its quantity or price from a date", A, A, N, N),
        new(Operation.PauseSubscriptions, "pause a subscription for some days and end a pause (a customer: their own)", A, A, N, O),
        new(Operation.ReadBills, "a customer's monthly bills, as issued (a customer: their own)", A, A, N, O),
        new(Operation.IssueBills, "issue monthly bills, one customer or all, and list a month's", A, A, N, N),
        new(Operation.ManageRoutes, "add, rename and remove routes (the list customers and agents are put on)", A, A, N, N),
        new(Operation.ReadLiveUsers, "who is online and where, live (`live-users-update` in the `admin-dashboard` room)", A, A, N, N),
        new(Operation.DisconnectRealtimeClients, "close a real-time connection (the real-time page)", A, N, N, N),
    ];

    private static readonly Dictionary<Operation, AccessRule> ByOperation = Table.ToDictionary(p => p.Operation);

    public static AccessRule Of(Operation operation) => ByOperation[operation];

    public static Access AccessOf(string role, Operation operation) => Of(operation).For(role);

    /// <summary>The roles with any access to the operation: what its endpoint's authorization policy requires.</summary>
    public static IReadOnlyList<string> RolesFor(Operation operation) =>
        Roles.All.Where(r => AccessOf(r, operation) != Access.None).ToList();

    public static string PolicyName(Operation operation) => "op:" + operation;

    /// <summary>The table as README writes it (a test keeps the two the same).</summary>
    public static string Markdown()
    {
        var lines = new List<string>
        {
            "| operation | covers | Admin | Staff | Delivery | Customer |",
            "|---|---|---|---|---|---|",
        };
        lines.AddRange(Table.Select(p =>
            $"| `{p.Operation}` | {p.Covers} | {Cell(p.Admin)} | {Cell(p.Staff)} | {Cell(p.Delivery)} | {Cell(p.Customer)} |"));
        return string.Join('\n', lines);

        static string Cell(Access access) => access switch
        {
            Access.All => "yes",
            Access.Own => "own",
            Access.Route => "their routes",
            Access.Assigned => "assigned to them",
            Access.Self => "themselves",
            _ => "—",
        };
    }
}
