/** The demo-city choice outlives one page: the toggle writes it, the pages read it when the URL does not say. */
export const DEMO_CITY_COOKIE = "fl_demo_city";
