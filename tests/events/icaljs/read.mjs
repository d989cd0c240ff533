// Reads an iCalendar document on stdin with ical.js and prints, as JSON, what a client would show:
// the calendar's method and each event's uid, summary, zone, local wall-clock times and UTC instants.
import ICAL from "ical.js";

let text = "";
for await (const chunk of process.stdin) text += chunk;

const calendar = new ICAL.Component(ICAL.parse(text));
// The VTIMEZONEs in the document are the only zone rules ical.js knows: nothing from the machine.
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(zone));
}

const wall = (time) => time.toString(); // e.g. 2027-03-26T10:00:00, in the event's own zone
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  const attendee = component.getFirstProperty("attendee");
  return {
    uid: event.uid,
    summary: event.summary,
    location: event.location,
    description: event.description,
    zone: event.startDate.zone.tzid,
    start_local: wall(event.startDate),
    end_local: wall(event.endDate),
    start_utc: event.startDate.toJSDate().toISOString(),
    end_utc: event.endDate.toJSDate().toISOString(),
    start_offset_seconds: event.startDate.utcOffset(),
    related_to: component.getFirstPropertyValue("related-to"),
    organizer: component.getFirstPropertyValue("organizer"),
    attendee: attendee ? attendee.getFirstValue() : null,
    partstat: attendee ? attendee.getParameter("partstat") : null,
    status: component.getFirstPropertyValue("status"),
  };
});

process.stdout.write(
  JSON.stringify({ method: calendar.getFirstPropertyValue("method"), name: calendar.getFirstPropertyValue("x-wr-calname"), events }),
);
