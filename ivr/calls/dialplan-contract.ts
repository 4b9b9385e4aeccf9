/**
 * Set on a channel the app gives up on before it continues in the dialplan: the rendered dialplan
 * then routes the call like one our app never took (straight to the district office).
 */
export const FALLBACK_VARIABLE = 'HOTLINE_FALLBACK';
