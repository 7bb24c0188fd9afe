<?php
/**
 * Plugin Name: Balise
 * Description: The Balise help chat on your pages with the [balise] shortcode. It adds one script tag pointing at the Balise gateway; WordPress stores nothing and sets no cookie.
 * Version: 1.0.0
 * Requires at least: 5.0
 * Requires PHP: 7.0
 *
 * Usage: [balise gateway="https://GATEWAY" partner="your-id"] in a page, a post or a widget, or
 * define('BALISE_GATEWAY', 'https://GATEWAY'); in wp-config.php and write [balise partner="your-id"].
 * Other attributes: position, color, language, discreet, exit_url (see docs/widget.md).
 */

if (!defined('ABSPATH')) {
    exit;
}

/** Builds the loader's tag; every value is escaped, an unknown attribute is dropped. */
function balise_shortcode($atts)
{
    $a = shortcode_atts(array(
        'gateway' => defined('BALISE_GATEWAY') ? BALISE_GATEWAY : '',
        'partner' => '',
        'position' => '',
        'color' => '',
        'language' => '',
        'discreet' => '',
        'exit_url' => '',
    ), $atts, 'balise');
    $gateway = esc_url(untrailingslashit($a['gateway']), array('https', 'http'));
    if ($gateway === '') {
        return '';
    }
    $data = '';
    foreach (array('partner', 'position', 'color', 'language', 'discreet', 'exit_url') as $key) {
        if ($a[$key] !== '') {
            $value = $key === 'exit_url' ? esc_url($a[$key], array('https', 'http')) : esc_attr($a[$key]);
            $data .= sprintf(' data-%s="%s"', str_replace('_', '-', $key), $value);
        }
    }
    return sprintf('<script src="%s/widget.js"%s defer></script>', $gateway, $data);
}

add_shortcode('balise', 'balise_shortcode');
