using Dashboard.Domain.Common;
using Dashboard.Domain.SupportChat;
using static Dashboard.Domain.Persistence.DemoCatalog;

namespace Dashboard.Domain.Persistence;

/// <summary>
/// A few support conversations of the last two days: one answered, one waiting for the office, one the office started
/// and the customer has seen. The demo's people have no accounts, so the messages carry their names with no user id.
/// </summary>
internal sealed partial class DemoBusiness
{
    public List<ChatMessageEntity> ChatMessages { get; } = [];

    public List<ChatConversationEntity> ChatConversations { get; } = [];

    private void AddChats()
    {
        var active = Customers.Where(c => c.IsActive).ToList();
        if (active.Count < 3)
        {
            return;
        }

        var plan = new (int Customer, (int DaysAgo, int Minute, bool Staff, string Text)[] Messages, bool StaffRead, bool CustomerRead)[]
        {
            (2, [(1, 6 * 60 + 40, false, "Milk came late today, almost 8. Is the route changing?"),
                 (1, 9 * 60 + 5, true, "Sorry about that, the van broke down on the way. It is fixed; back to 6:30 from tomorrow."),
                 (1, 9 * 60 + 20, false, "Thank you!")], true, true),
            (7, [(0, 5 * 60 + 50, false, "Please skip milk on Saturday and Sunday, we are travelling."),
                 (0, 5 * 60 + 52, false, "Back on Monday.")], false, true),
            (11, [(0, 10 * 60, true, "Your bill for last month is ready: you can pay by UPI to our number. Reply here if anything looks wrong.")], true, true),
        };
        foreach (var (index, messages, staffRead, customerRead) in plan)
        {
            var customer = active[index % active.Count];
            DateTime? lastStaff = null, lastCustomer = null, last = null;
            foreach (var m in messages.Select(m => (At: Utc(_today.AddDays(-m.DaysAgo), m.DaysAgo > 0 ? m.Minute : Math.Min(m.Minute, Math.Max(0, _nowMinuteOfDay - 5))), m.Staff, m.Text)).OrderBy(m => m.At))
            {
                ChatMessages.Add(new ChatMessageEntity
                {
                    Id = Guid.CreateVersion7(new DateTimeOffset(m.At, TimeSpan.Zero)), CustomerId = customer.Id, FromUserId = "",
                    FromName = m.Staff ? OfficeStaff : customer.Name, FromRole = m.Staff ? Roles.Staff : Roles.Customer, FromStaff = m.Staff,
                    Text = m.Text, At = m.At,
                });
                (lastStaff, lastCustomer, last) = (m.Staff ? m.At : lastStaff, m.Staff ? lastCustomer : m.At, m.At);
            }

            ChatConversations.Add(new ChatConversationEntity
            {
                CustomerId = customer.Id, LastMessageAt = last!.Value,
                StaffReadUpTo = staffRead ? last : lastStaff, CustomerReadUpTo = customerRead ? last : lastCustomer,
            });
        }
    }
}
