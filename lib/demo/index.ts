export { demoContent, demoLocales, type DemoContent, type DemoLocale } from "./demo-content";
export { demoVenue, seedDemoVenue } from "./seed-demo-venue";
