/** Actions beta shape, as Deploy CLI examples still show it. */
module.exports = async (event, context) => {
  return {};
};
